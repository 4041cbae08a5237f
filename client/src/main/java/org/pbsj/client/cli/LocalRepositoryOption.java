package org.pbsj.client.cli;

import java.time.Clock;
import java.util.Map;

import org.pbsj.core.client.BackupRepository;
import org.pbsj.core.client.LocalRepository;
import org.pbsj.client.http.ClientDirs;
import org.pbsj.client.http.Repository;
import org.pbsj.client.protocol.RemoteRepository;
import org.pbsj.core.client.ClientException;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.BackupNamespace;

/**
 * {@code --repository} / {@code PBS_REPOSITORY} for the data commands, which so far work on a
 * datastore path of this machine; {@code --ns} and snapshot arguments resolved against it.
 */
final class LocalRepositoryOption {
    private LocalRepositoryOption() {
    }

    static Command.Builder withRepository(Command.Builder b) {
        return b.option("repository", "repository",
                "Repository: [[user@realm@]host[:port]:]store, or a datastore path /mnt/disk/store1 (default: $PBS_REPOSITORY).");
    }

    static Command.Builder withNamespace(Command.Builder b) {
        return b.option("ns", "namespace", "Namespace (a/b/c; default: the root namespace).");
    }

    static LocalRepository open(ParsedArgs a, Map<String, String> env, Clock clock) {
        String text = repositoryText(a, env);
        if (!LocalRepository.isLocal(text)) {
            throw new ClientException("repository '" + text + "': only local datastore paths (/path/to/store) are "
                    + "supported by this command so far; remote repositories come with the server's backup protocol");
        }
        return LocalRepository.open(text, clock);
    }

    /** A local datastore path or {@code [[user@realm@]host[:port]:]store} on a server. */
    static BackupRepository openAny(ParsedArgs a, Map<String, String> env, Clock clock, ClientDirs dirs, Terminal terminal) {
        String text = repositoryText(a, env);
        if (LocalRepository.isLocal(text)) {
            return LocalRepository.open(text, clock);
        }
        Repository repo = Repository.parse(text);
        ClientSession session = new ClientSession(repo, env, dirs, terminal, clock);
        return new RemoteRepository(session.endpoint(), session.http(), repo.store());
    }

    private static String repositoryText(ParsedArgs a, Map<String, String> env) {
        String text = a.option("repository");
        if (text == null) {
            text = env.get("PBS_REPOSITORY");
        }
        if (text == null || text.isEmpty()) {
            throw new UsageException("no repository given (use --repository or set PBS_REPOSITORY)");
        }
        return text;
    }

    static BackupNamespace namespace(ParsedArgs a) {
        String ns = a.option("ns");
        return ns == null || ns.isEmpty() ? BackupNamespace.ROOT : BackupNamespace.parse(ns);
    }

    /** {@code type/id/time} in the namespace of {@code --ns}. */
    static BackupDir snapshot(ParsedArgs a, String text) {
        BackupDir d = BackupDir.parse(text);
        BackupNamespace ns = namespace(a);
        return new BackupDir(new BackupGroup(ns, d.group().type(), d.group().id()), d.time());
    }

    static BackupGroup group(ParsedArgs a, String text) {
        return BackupGroup.parse(namespace(a), text);
    }

    /** A snapshot, or the last finished snapshot of a group ({@code host/elsa}). */
    static BackupDir snapshotOrLatest(ParsedArgs a, String text, BackupRepository repo) {
        if (text.chars().filter(c -> c == '/').count() == 1) {
            BackupGroup g = group(a, text);
            return repo.lastFinishedSnapshot(g)
                    .orElseThrow(() -> new ClientException("backup group " + g + " has no finished snapshot"));
        }
        return snapshot(a, text);
    }
}
