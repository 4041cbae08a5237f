package org.pbsj.server.infrastructure;

import java.io.UnsupportedEncodingException;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * Sends a mail through an SMTP server with Jakarta Mail. The session is built for each send from
 * the endpoint's settings (they are configured at run time, so no fixed JNDI mail session):
 * {@code tls} (implicit TLS, default port 465), {@code starttls} (required, 587) or
 * {@code insecure} (plain, 25); server certificates are checked against the JVM's trust store and
 * the host name. Like PBS, the mail has a plain-text part and the same text as HTML.
 */
public final class SmtpMailer {
    /** How the connection is secured. */
    public enum Mode {
        INSECURE(25), STARTTLS(587), TLS(465);

        final int defaultPort;

        Mode(int defaultPort) {
            this.defaultPort = defaultPort;
        }

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** {@code insecure|starttls|tls}; null = {@code tls}, PBS's default. */
        public static Mode parse(String value) {
            if (value == null) {
                return TLS;
            }
            for (Mode m : values()) {
                if (m.value().equals(value)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown mode '" + value + "'");
        }
    }

    /** Where to send: port null = the mode's default; username null = no authentication. */
    public record Server(String host, Integer port, Mode mode, String username, String password) {
        int effectivePort() {
            return port != null ? port : mode.defaultPort;
        }
    }

    /** What to send. {@code author} is the sender's display name. */
    public record Mail(String from, String author, List<String> to, String subject, String text) {
    }

    private final Duration timeout;

    public SmtpMailer(Duration timeout) {
        this.timeout = timeout;
    }

    public void send(Server server, Mail mail) throws MessagingException {
        Session session = Session.getInstance(properties(server));
        MimeMessage m = new MimeMessage(session);
        try {
            m.setFrom(new InternetAddress(mail.from(), mail.author(), "UTF-8"));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e); // UTF-8 is always there
        }
        for (String to : mail.to()) {
            m.addRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
        }
        m.setSubject(mail.subject(), "UTF-8");
        m.setSentDate(new Date());
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.text(), "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText("<html><body><pre>\n" + escape(mail.text()) + "\n</pre></body></html>", "UTF-8", "html");
        m.setContent(new MimeMultipart("alternative", text, html));
        if (server.username() != null) {
            Transport.send(m, server.username(), server.password() == null ? "" : server.password());
        } else {
            Transport.send(m);
        }
    }

    Properties properties(Server s) {
        Properties p = new Properties();
        String ms = Long.toString(timeout.toMillis());
        p.setProperty("mail.transport.protocol", "smtp");
        p.setProperty("mail.smtp.host", s.host());
        p.setProperty("mail.smtp.port", Integer.toString(s.effectivePort()));
        p.setProperty("mail.smtp.connectiontimeout", ms);
        p.setProperty("mail.smtp.timeout", ms);
        p.setProperty("mail.smtp.writetimeout", ms);
        p.setProperty("mail.smtp.auth", Boolean.toString(s.username() != null));
        switch (s.mode()) {
            case TLS -> {
                p.setProperty("mail.smtp.ssl.enable", "true");
                p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case STARTTLS -> {
                p.setProperty("mail.smtp.starttls.enable", "true");
                p.setProperty("mail.smtp.starttls.required", "true");
                p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case INSECURE -> {
                // plain SMTP, as asked
            }
        }
        return p;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
