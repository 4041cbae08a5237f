package org.pbsj.server.domain;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;

/**
 * The databases every persistence test runs on: an in-memory H2 and the PostgreSQL that
 * {@code scripts/test-postgresql.sh} prepared before the tests (the build runs it).
 */
public final class TestDatabases {
    private TestDatabases() {
    }

    public static Stream<String> names() {
        return Stream.of("h2", "postgresql");
    }

    public static EntityManagerFactory open(String name) {
        Map<String, String> props = new HashMap<>();
        if (name.equals("h2")) {
            props.put("jakarta.persistence.jdbc.url", "jdbc:h2:mem:pbsj-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
            props.put("jakarta.persistence.jdbc.user", "sa");
            props.put("jakarta.persistence.jdbc.password", "sa");
        } else {
            Properties pg = postgresql();
            props.put("jakarta.persistence.jdbc.url", pg.getProperty("url"));
            props.put("jakarta.persistence.jdbc.user", pg.getProperty("user"));
            props.put("jakarta.persistence.jdbc.password", pg.getProperty("password"));
        }
        return Persistence.createEntityManagerFactory("pbsj-test", props);
    }

    private static Properties postgresql() {
        Path file = Path.of("target/test-postgresql.properties");
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " is missing: run the tests through Maven, which runs "
                    + "scripts/test-postgresql.sh first, or run that script by hand");
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return p;
    }
}
