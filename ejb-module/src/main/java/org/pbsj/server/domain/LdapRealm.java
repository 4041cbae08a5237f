package org.pbsj.server.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An LDAP realm (PBS's {@code ldap} section of domains.cfg; the bind password, which PBS keeps in
 * ldap_passwords.json, is a column here and never leaves the server through the API).
 */
@Entity
@Table(name = "pbsj_ldap_realm")
public class LdapRealm {
    @Id
    @Column(length = 32)
    private String realm;
    @Column(length = 256, nullable = false)
    private String server1;
    @Column(length = 256)
    private String server2;
    private Integer port;
    @Column(length = 256, nullable = false)
    private String baseDn;
    @Column(length = 256, nullable = false)
    private String userAttr;
    /** ldap, ldap+starttls or ldaps. */
    @Column(length = 16, nullable = false)
    private String mode = "ldap";
    private boolean verify;
    @Column(length = 256)
    private String bindDn;
    @Column(length = 256)
    private String bindPassword;
    @Column(length = 1024)
    private String filter;
    @Column(length = 256)
    private String comment;

    protected LdapRealm() {
    }

    public LdapRealm(String realm) {
        this.realm = realm;
    }

    public String getRealm() { return realm; }
    public String getServer1() { return server1; }
    public void setServer1(String server1) { this.server1 = server1; }
    public String getServer2() { return server2; }
    public void setServer2(String server2) { this.server2 = server2; }
    public Integer getPort() { return port; }
    public void setPort(Integer port) { this.port = port; }
    public String getBaseDn() { return baseDn; }
    public void setBaseDn(String baseDn) { this.baseDn = baseDn; }
    public String getUserAttr() { return userAttr; }
    public void setUserAttr(String userAttr) { this.userAttr = userAttr; }
    public String getMode() { return mode; }
    public void setMode(String mode) { this.mode = mode; }
    public boolean isVerify() { return verify; }
    public void setVerify(boolean verify) { this.verify = verify; }
    public String getBindDn() { return bindDn; }
    public void setBindDn(String bindDn) { this.bindDn = bindDn; }
    public String getBindPassword() { return bindPassword; }
    public void setBindPassword(String bindPassword) { this.bindPassword = bindPassword; }
    public String getFilter() { return filter; }
    public void setFilter(String filter) { this.filter = filter; }
    public String getComment() { return comment; }
    public void setComment(String comment) { this.comment = comment; }
}
