package org.pbsj.server.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An SMTP notification target (PBS's {@code notifications.cfg} section {@code smtp: <name>}, its
 * password in {@code priv/notifications.cfg}). The password is stored as given, as PBS keeps it:
 * readable by the server's user and its database, never returned by the API. Recipient lists are
 * kept comma-separated.
 */
@Entity
@Table(name = "pbsj_notify_smtp")
public class SmtpEndpointConfig {
    @Id
    @Column(length = 32)
    private String name;
    @Column(length = 256, nullable = false)
    private String server;
    private Integer port;
    /** {@code insecure}, {@code starttls} or {@code tls}; null = {@code tls}. */
    @Column(length = 16)
    private String mode;
    @Column(length = 256)
    private String username;
    @Column(length = 1024)
    private String password;
    @Column(length = 2048)
    private String mailto;
    @Column(length = 2048)
    private String mailtoUser;
    @Column(length = 256, nullable = false)
    private String fromAddress;
    @Column(length = 256)
    private String author;
    @Column(length = 256)
    private String comment;
    @Column(name = "disabled")
    private boolean disable;

    protected SmtpEndpointConfig() {
    }

    public SmtpEndpointConfig(String name, String server, String fromAddress) {
        this.name = name;
        this.server = server;
        this.fromAddress = fromAddress;
    }

    public String getName() { return name; }
    public String getServer() { return server; }
    public void setServer(String server) { this.server = server; }
    public Integer getPort() { return port; }
    public void setPort(Integer port) { this.port = port; }
    public String getMode() { return mode; }
    public void setMode(String mode) { this.mode = mode; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public String getMailto() { return mailto; }
    public void setMailto(String mailto) { this.mailto = mailto; }
    public String getMailtoUser() { return mailtoUser; }
    public void setMailtoUser(String mailtoUser) { this.mailtoUser = mailtoUser; }
    public String getFromAddress() { return fromAddress; }
    public void setFromAddress(String fromAddress) { this.fromAddress = fromAddress; }
    public String getAuthor() { return author; }
    public void setAuthor(String author) { this.author = author; }
    public String getComment() { return comment; }
    public void setComment(String comment) { this.comment = comment; }
    public boolean isDisable() { return disable; }
    public void setDisable(boolean disable) { this.disable = disable; }
}
