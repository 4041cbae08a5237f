package org.pbsj.client.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.pbsj.core.client.ClientException;
import org.pbsj.core.json.Json;
import org.pbsj.core.pxar.PxarDecoder;
import org.pbsj.core.pxar.fs.ArchiverOptions;
import org.pbsj.core.pxar.fs.ExtractorOptions;
import org.pbsj.core.pxar.fs.MatchList;
import org.pbsj.core.pxar.fs.PxarArchiver;
import org.pbsj.core.pxar.fs.PxarExtractor;
import org.pbsj.core.pxar.fs.Warnings;

/** {@code pxar create} and {@code pxar extract}: thin adapters over {@link PxarArchiver} and {@link PxarExtractor}. */
final class PxarCommands {
    static final long ENTRIES_MAX_DEFAULT = ArchiverOptions.DEFAULT_ENTRIES_MAX;

    private final PxarMain main;

    PxarCommands(PxarMain main) {
        this.main = main;
    }

    /** The {@code --no-*} switches both commands share, as in PBS. */
    static Command.Builder withFeatureFlags(Command.Builder b) {
        return b.flag("no-xattrs", "Ignore extended file attributes.")
                .flag("no-fcaps", "Ignore file capabilities.")
                .flag("no-acls", "Ignore access control list entries.")
                .flag("no-device-nodes", "Ignore device nodes.")
                .flag("no-fifos", "Ignore fifos.")
                .flag("no-sockets", "Ignore sockets.");
    }

    int create(ParsedArgs a) {
        ArchiverOptions options = ArchiverOptions.DEFAULTS
                .withSpecialFiles(!a.flag("no-device-nodes"), !a.flag("no-fifos"), !a.flag("no-sockets"))
                .withCrossMounts(a.flag("all-file-systems"))
                .withPatterns(patterns(a.list("exclude"), true, "exclude pattern"));
        if (a.flag("no-xattrs")) {
            options = options.withoutXattrs();
        }
        if (a.flag("no-acls")) {
            options = options.withoutAcls();
        }
        if (a.flag("no-fcaps")) {
            options = options.withoutFcaps();
        }
        Long max = a.longOption("entries-max");
        if (max != null) {
            if (max <= 0) {
                throw new UsageException("option --entries-max: must be at least 1");
            }
            options = options.withEntriesMax(max);
        }
        String archive = a.arg("archive");
        String payloadName = a.option("payload-output");
        Path source = main.path(a.arg("source"));
        if (!Files.isDirectory(source)) {
            throw new ClientException(a.arg("source") + ": not a directory");
        }
        List<Path> created = new ArrayList<>();
        boolean ok = false;
        try (OutputStream out = createNew(archive, created);
                OutputStream payload = payloadName == null ? null : createNew(payloadName, created)) {
            PxarArchiver archiver = new PxarArchiver(options, main::warn);
            if (payload == null) {
                archiver.archive(source, out);
            } else {
                archiver.archiveSplit(source, out, payload, prelude(options.patterns()));
            }
            ok = true;
        } catch (IOException e) {
            throw new ClientException(e.getMessage(), e);
        } finally {
            if (!ok) {
                created.forEach(p -> p.toFile().delete()); // no half-written archive is left behind
            }
        }
        return CommandLine.OK;
    }

    /** PBS puts the exclude patterns of a split archive into the prelude instead of .pxarexclude-cli. */
    private static byte[] prelude(MatchList patterns) {
        if (patterns.isEmpty()) {
            return null;
        }
        String lines = new String(patterns.toExcludeFile(), StandardCharsets.UTF_8);
        return Json.compact(Map.of("exclude-patterns", lines)).getBytes(StandardCharsets.UTF_8);
    }

    /** Mode 0640 like PBS, and never over an existing file. */
    private OutputStream createNew(String name, List<Path> created) {
        Path p = main.path(name);
        try {
            Files.createFile(p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
            created.add(p);
            return new BufferedOutputStream(Files.newOutputStream(p, StandardOpenOption.WRITE), 1 << 20);
        } catch (FileAlreadyExistsException e) {
            throw new ClientException(name + ": already exists (pxar create never overwrites)");
        } catch (IOException e) {
            throw PxarMain.ioError(name, e);
        }
    }

    int extract(ParsedArgs a) {
        List<String> lines = new ArrayList<>();
        String from = a.option("files-from");
        if (from != null) {
            try {
                for (String l : Files.readAllLines(main.path(from), StandardCharsets.UTF_8)) {
                    if (!l.isBlank() && !l.startsWith("#")) {
                        lines.add(l.strip());
                    }
                }
            } catch (IOException e) {
                throw PxarMain.ioError(from, e);
            }
        }
        lines.addAll(a.list("pattern"));
        ExtractorOptions options = ExtractorOptions.DEFAULTS
                .withMetadata(!a.flag("no-xattrs"), !a.flag("no-acls"), !a.flag("no-fcaps"))
                .withSpecialFiles(!a.flag("no-device-nodes"), !a.flag("no-fifos"), !a.flag("no-sockets"))
                .withAllowExistingDirs(a.flag("allow-existing-dirs"))
                .withOverwrite(a.flag("overwrite"))
                .withPatterns(patterns(lines, false, "pattern"));
        boolean strict = a.flag("strict");
        Warnings warnings = strict ? (path, message) -> {
            throw new ClientException(path + ": " + message + " (--strict)");
        } : main::warn;
        String archive = a.arg("archive");
        String payloadName = a.option("payload-input");
        Path target = main.path(a.arg("target") == null ? "." : a.arg("target"));
        try (InputStream in = main.openArchive(archive);
                InputStream payload = payloadName == null ? null : main.openArchive(payloadName)) {
            if (PxarMain.isSplitMetadata(in) && payload == null) {
                throw new ClientException(archive + " is the metadata part of a split archive (format version 2): "
                        + "give its payload file with --payload-input");
            }
            PxarDecoder decoder = payload == null ? PxarDecoder.open(in, archive)
                    : PxarDecoder.openSplit(in, payload, archive);
            new PxarExtractor(options, warnings).extract(decoder, target);
        } catch (FileAlreadyExistsException e) {
            throw new ClientException(e.getFile() + ": already exists (use --overwrite to replace it)");
        } catch (IOException e) {
            throw new ClientException(e.getMessage(), e);
        }
        return CommandLine.OK;
    }

    private static MatchList patterns(List<String> lines, boolean exclude, String what) {
        try {
            return exclude ? MatchList.excludes(lines) : MatchList.includes(lines);
        } catch (IllegalArgumentException e) {
            throw new UsageException("error in " + what + ": " + e.getMessage());
        }
    }
}
