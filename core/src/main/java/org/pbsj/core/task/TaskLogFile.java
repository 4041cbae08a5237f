package org.pbsj.core.task;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A task log file in PBS's layout, {@code <tasks dir>/<HH>/<UPID>}: a writer that appends
 * time-stamped lines (one per line of a message, flushed at once so a reader sees them while the
 * task runs), and readers for a page of lines and for the last line.
 */
public final class TaskLogFile implements Closeable {
    /** Enough for any result line; the last line is looked for in this tail of the file. */
    private static final int TAIL_BYTES = 16 * 1024;

    private final Path file;
    private final Writer writer;
    private final Clock clock;
    private final ZoneId zone;

    /** A numbered log line: {@code n} counts from 1. */
    public record Line(long n, String text) {
    }

    /** A page of lines and the number of lines in the file. */
    public record Page(List<Line> lines, long total) {
    }

    private TaskLogFile(Path file, Writer writer, Clock clock, ZoneId zone) {
        this.file = file;
        this.writer = writer;
        this.clock = clock;
        this.zone = zone;
    }

    /** {@code <tasksDir>/<pstart & 0xFF as HH>/<UPID>}. */
    public static Path path(Path tasksDir, Upid upid) {
        return tasksDir.resolve(upid.logDirName()).resolve(upid.toString());
    }

    /** Creates the log of a new task; fails if it exists (a UPID is never reused). */
    public static TaskLogFile create(Path tasksDir, Upid upid, Clock clock, ZoneId zone) {
        Path file = path(tasksDir, upid);
        try {
            Files.createDirectories(file.getParent());
            Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return new TaskLogFile(file, w, clock, zone);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create task log " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    /** Appends a message; every line of a multi-line message gets its own time prefix. */
    public synchronized void log(String message) {
        String text = message == null ? "" : message;
        try {
            for (String part : text.split("\r?\n", -1)) {
                writer.write(TaskLogFormat.line(clock.instant(), zone, part));
                writer.write('\n');
            }
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write task log " + file, e);
        }
    }

    /** Writes the final line; line breaks of an error message become spaces so that it stays the last line. */
    public synchronized void finish(TaskState state) {
        log(state.resultLine().replaceAll("\r?\n", " "));
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close task log " + file, e);
        }
    }

    /**
     * Lines with number {@code >= start} (so 0 and 1 both begin at the first line), at most
     * {@code limit} of them (0 = all), and the total line count, as {@code read_task_log} pages.
     */
    public static Page read(Path file, long start, long limit) throws IOException {
        List<Line> lines = new ArrayList<>();
        long n = 0;
        try (BufferedReader r = reader(file)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                n++;
                if (n >= start && (limit == 0 || lines.size() < limit)) {
                    lines.add(new Line(n, line));
                }
            }
        }
        return new Page(List.copyOf(lines), n);
    }

    /** The last non-empty line, read from the end of the file. */
    public static Optional<String> lastLine(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            int len = (int) Math.min(size, TAIL_BYTES);
            ByteBuffer buf = ByteBuffer.allocate(len);
            long pos = size - len;
            while (buf.hasRemaining()) {
                int read = ch.read(buf, pos + buf.position());
                if (read < 0) {
                    break;
                }
            }
            String tail = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .decode(buf.flip()).toString();
            String[] lines = tail.split("\n");
            for (int i = lines.length - 1; i >= 0; i--) {
                if (!lines[i].isBlank()) {
                    // the first line of a tail may be cut; it is only the last one if it is all there
                    return i > 0 || pos == 0 ? Optional.of(lines[i]) : Optional.empty();
                }
            }
            return Optional.empty();
        }
    }

    private static BufferedReader reader(Path file) throws IOException {
        // a task log is text we wrote, but a damaged byte must not make it unreadable
        return new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE)));
    }
}
