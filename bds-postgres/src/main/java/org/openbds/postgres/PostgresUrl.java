package org.openbds.postgres;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * Where a PostgreSQL warehouse lives: {@code postgresql://user:password@host:port/database}, as libpq writes it
 * ({@code postgres://} and {@code jdbc:postgresql://} are accepted too). The user and password are percent-encoded
 * where they hold {@code @ : / ? %}; the port defaults to 5432; the one query parameter is {@code sslmode}.
 *
 * <p>{@link #toString()} and every error message leave the password out.
 */
public record PostgresUrl(String user, Optional<String> password, String host, int port, String database, Optional<String> sslMode) {
  public static final int DEFAULT_PORT = 5432;
  private static final String FORM = "postgresql://user:password@host:port/database";
  private static final Set<String> SSL_MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

  public PostgresUrl {
    requireNonNull(user, "user is null");
    requireNonNull(password, "password is null");
    requireNonNull(host, "host is null");
    requireNonNull(database, "database is null");
    requireNonNull(sslMode, "sslMode is null");
  }

  /** Parses {@code url}; a malformed one is an {@link ErrorCode#INVALID_ARGUMENT} naming what is wrong. */
  public static PostgresUrl parse(String url) {
    requireNonNull(url, "url is null");
    String rest = url.strip();
    if (rest.startsWith("jdbc:")) {
      rest = rest.substring("jdbc:".length());
    }
    if (rest.startsWith("postgresql://")) {
      rest = rest.substring("postgresql://".length());
    } else if (rest.startsWith("postgres://")) {
      rest = rest.substring("postgres://".length());
    } else {
      throw invalid("a PostgreSQL URL starts with postgresql:// (or jdbc:postgresql://), as in " + FORM);
    }
    // the user information ends at the last '@': an unencoded '@' in a password still parses
    int at = rest.lastIndexOf('@');
    if (at < 0) {
      throw invalid("the PostgreSQL URL names no user; write it as " + FORM);
    }
    String userInfo = rest.substring(0, at);
    String location = rest.substring(at + 1);
    int colon = userInfo.indexOf(':');
    String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), "user");
    Optional<String> password = colon < 0 ? Optional.empty() : Optional.of(decode(userInfo.substring(colon + 1), "password"));
    if (user.isEmpty()) {
      throw invalid("the PostgreSQL URL names no user; write it as " + FORM);
    }

    int slash = location.indexOf('/');
    if (slash < 0) {
      throw invalid("the PostgreSQL URL names no database; write it as " + FORM);
    }
    String hostPort = location.substring(0, slash);
    String path = location.substring(slash + 1);
    String query = "";
    int question = path.indexOf('?');
    if (question >= 0) {
      query = path.substring(question + 1);
      path = path.substring(0, question);
    }

    String host;
    String portText = null;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        throw invalid("the PostgreSQL URL's IPv6 host has no closing ']'");
      }
      host = hostPort.substring(1, close);
      String after = hostPort.substring(close + 1);
      if (!after.isEmpty()) {
        if (!after.startsWith(":")) {
          throw invalid("the PostgreSQL URL's host is followed by '" + after + "', not by :port");
        }
        portText = after.substring(1);
      }
    } else {
      int portColon = hostPort.lastIndexOf(':');
      host = portColon < 0 ? hostPort : hostPort.substring(0, portColon);
      portText = portColon < 0 ? null : hostPort.substring(portColon + 1);
    }
    if (host.isEmpty()) {
      throw invalid("the PostgreSQL URL names no host; write it as " + FORM);
    }
    int port = portText == null ? DEFAULT_PORT : port(portText);

    String database = decode(path, "database");
    if (database.isEmpty()) {
      throw invalid("the PostgreSQL URL names no database; write it as " + FORM);
    }
    return new PostgresUrl(user, password, host, port, database, sslMode(query));
  }

  private static int port(String text) {
    int port;
    try {
      port = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw invalid("the PostgreSQL URL's port must be a number from 1 to 65535, not '" + text + "'");
    }
    if (port < 1 || port > 65535) {
      throw invalid("the PostgreSQL URL's port must be a number from 1 to 65535, not " + port);
    }
    return port;
  }

  private static Optional<String> sslMode(String query) {
    Optional<String> sslMode = Optional.empty();
    if (query.isEmpty()) {
      return sslMode;
    }
    for (String parameter : query.split("&", -1)) {
      int eq = parameter.indexOf('=');
      String key = eq < 0 ? parameter : parameter.substring(0, eq);
      String value = eq < 0 ? "" : decode(parameter.substring(eq + 1), key);
      if (!key.equals("sslmode")) {
        throw invalid("the PostgreSQL URL has the parameter '" + key + "'; the only one known is sslmode");
      }
      if (!SSL_MODES.contains(value)) {
        throw invalid("sslmode must be one of " + String.join(", ", new java.util.TreeSet<>(SSL_MODES)) + ", not '" + value + "'");
      }
      sslMode = Optional.of(value);
    }
    return sslMode;
  }

  /** Percent-decoding as in URLs ('+' stays '+'); a bad escape is named without echoing the text (it may be a password). */
  private static String decode(String text, String what) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        int hi = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
        int lo = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
        if (hi < 0 || lo < 0) {
          throw invalid("the PostgreSQL URL's " + what + " has a '%' that is not followed by two hex digits (write % itself as %25)");
        }
        out.write(hi * 16 + lo);
        i += 2;
      } else {
        byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static BdsException invalid(String message) {
    return new BdsException(ErrorCode.INVALID_ARGUMENT, message);
  }

  /** The URL with the password (if any) in place, for a caller that hands the server to another program. */
  public String withPassword() {
    return "postgresql://" + encode(user) + password.map(p -> ":" + encode(p)).orElse("") + "@" + hostPort() + "/" + encode(database)
        + sslMode.map(m -> "?sslmode=" + m).orElse("");
  }

  private String hostPort() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  private static String encode(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
        sb.append(c);
      } else {
        sb.append('%').append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
      }
    }
    return sb.toString();
  }

  /** The URL without the password: safe for logs and messages. */
  @Override
  public String toString() {
    return "postgresql://" + encode(user) + "@" + hostPort() + "/" + encode(database) + sslMode.map(m -> "?sslmode=" + m).orElse("");
  }
}
