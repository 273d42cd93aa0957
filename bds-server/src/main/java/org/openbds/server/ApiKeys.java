package org.openbds.server;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * API keys, kept in a file beside the warehouse ({@value #FILE_NAME}) with only the SHA-256 of each key's secret: the
 * key itself is shown once, when it is made. A key reads {@code bds_<id>_<secret>}: the id finds the entry, the
 * secret's hash must match (compared in constant time). Each key has a role and may have its own rate limit.
 */
public final class ApiKeys {
  public static final String FILE_NAME = "api-keys.tsv";
  private static final Pattern KEY = Pattern.compile("bds_([0-9a-f]{12})_([A-Za-z0-9_-]{43})");
  private static final String HEADER = "# id\tsha256(secret)\trole\trate_limit_per_minute\tname\tcreated";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** One stored key. {@code rateLimitPerMinute} empty: the server's default. */
  public record Entry(String id, String secretHash, Role role, OptionalInt rateLimitPerMinute, String name, Instant created) {
    public Entry {
      requireNonNull(id, "id is null");
      requireNonNull(secretHash, "secretHash is null");
      requireNonNull(role, "role is null");
      requireNonNull(name, "name is null");
      requireNonNull(created, "created is null");
    }
  }

  /** A key just made: the entry stored and the full key, which is not stored anywhere. */
  public record Created(Entry entry, String key) {}

  private final Path file;
  private final List<Entry> entries;

  private ApiKeys(Path file, List<Entry> entries) {
    this.file = file;
    this.entries = List.copyOf(entries);
  }

  /** The keys of the data directory {@code dataDirectory}; none when the file does not exist. */
  public static ApiKeys load(Path dataDirectory) {
    Path file = dataDirectory.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      return new ApiKeys(file, List.of());
    }
    List<Entry> entries = new ArrayList<>();
    try {
      int n = 0;
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        n++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        if (f.length != 6 || !f[0].matches("[0-9a-f]{12}") || !f[1].matches("[0-9a-f]{64}")) {
          throw new BdsException(ErrorCode.INVALID_CONFIG, file + " line " + n + " is not a key entry");
        }
        OptionalInt limit = f[3].isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(f[3]));
        entries.add(new Entry(f[0], f[1], Role.parse(f[2]), limit, f[4], Instant.parse(f[5])));
      }
    } catch (IOException | NumberFormatException | java.time.format.DateTimeParseException e) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, "cannot read the API keys in " + file + ": " + e.getMessage(), e);
    }
    return new ApiKeys(file, entries);
  }

  public List<Entry> entries() {
    return entries;
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Makes a key with {@code role}, stores its hash and returns it with the key. */
  public Created create(Role role, String name, OptionalInt rateLimitPerMinute) {
    if (role == Role.NONE) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "a key needs the role read, query or admin");
    }
    if (name.contains("\t") || name.contains("\n") || name.length() > 100) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "a key's name is one line of at most 100 characters without tabs");
    }
    byte[] idBytes = new byte[6];
    byte[] secret = new byte[32];
    RANDOM.nextBytes(idBytes);
    RANDOM.nextBytes(secret);
    String id = HexFormat.of().formatHex(idBytes);
    String secretText = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Entry e = new Entry(id, sha256(secretText), role, rateLimitPerMinute, name, Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    List<Entry> all = new ArrayList<>(entries);
    all.add(e);
    write(all);
    return new Created(e, "bds_" + id + "_" + secretText);
  }

  /** Removes the key {@code id}; false when there is none. */
  public boolean remove(String id) {
    List<Entry> kept = new ArrayList<>(entries);
    boolean removed = kept.removeIf(e -> e.id().equals(id));
    if (removed) {
      write(kept);
    }
    return removed;
  }

  /** The entry a presented key belongs to, if the key is one of these. */
  public Optional<Entry> authenticate(String presented) {
    var m = KEY.matcher(presented.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    byte[] hash = HexFormat.of().parseHex(sha256(m.group(2)));
    for (Entry e : entries) {
      if (e.id().equals(m.group(1)) && MessageDigest.isEqual(hash, HexFormat.of().parseHex(e.secretHash()))) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  private void write(List<Entry> all) {
    StringBuilder out = new StringBuilder(HEADER).append('\n');
    for (Entry e : all) {
      out.append(e.id()).append('\t').append(e.secretHash()).append('\t').append(e.role().label()).append('\t')
          .append(e.rateLimitPerMinute().isPresent() ? Integer.toString(e.rateLimitPerMinute().getAsInt()) : "").append('\t')
          .append(e.name()).append('\t').append(e.created()).append('\n');
    }
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
      Files.writeString(tmp, out.toString(), StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the directory's own permissions apply
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "cannot write the API keys to " + file + ": " + e.getMessage(), e);
    }
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
