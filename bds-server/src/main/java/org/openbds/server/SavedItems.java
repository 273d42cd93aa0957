package org.openbds.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.ReadAccess;

/**
 * Saved queries and dashboards, kept in the warehouse itself ({@code main.bds_saved_queries},
 * {@code main.bds_dashboards}) so that they travel with the data. Written on a connection of their own, in short
 * transactions that touch no chain table, so they never wait on a sync in the same process. Each item is a JSON
 * document the web app defines, with a name; the server checks its size and shape, not its meaning.
 */
final class SavedItems implements AutoCloseable {
  /** A kind of saved item: its table and what its document must hold. */
  enum Kind {
    QUERY("bds_saved_queries"),
    DASHBOARD("bds_dashboards");

    final String table;

    Kind(String table) {
      this.table = table;
    }
  }

  private static final int MAX_DOCUMENT = 256 * 1024;
  private static final int MAX_ITEMS = 10_000;
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Connection connection;

  SavedItems(ReadAccess access) {
    requireNonNull(access, "access is null");
    this.connection = access.openReader();
    try (Statement st = connection.createStatement()) {
      for (Kind k : Kind.values()) {
        st.execute("CREATE TABLE IF NOT EXISTS main." + k.table + " (id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, document VARCHAR NOT NULL,"
            + " created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL)");
      }
    } catch (SQLException e) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "cannot create the tables of saved queries and dashboards: " + e.getMessage(), e);
    }
  }

  synchronized List<Map<String, Object>> list(Kind kind) {
    List<Map<String, Object>> out = new ArrayList<>();
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT id, name, document, created_at, updated_at FROM main." + kind.table + " ORDER BY updated_at DESC, id")) {
      while (rs.next()) {
        out.add(item(rs));
      }
      return out;
    } catch (SQLException e) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "cannot read saved items: " + e.getMessage(), e);
    }
  }

  synchronized Optional<Map<String, Object>> get(Kind kind, String id) {
    checkId(id);
    try (PreparedStatement ps = connection.prepareStatement("SELECT id, name, document, created_at, updated_at FROM main." + kind.table + " WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(item(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "cannot read a saved item: " + e.getMessage(), e);
    }
  }

  /** Creates an item from {@code body} ({"name": …, "document": {…}}) and returns it. */
  synchronized Map<String, Object> create(Kind kind, JsonNode body) {
    String name = name(body);
    String document = document(body);
    if (list(kind).size() >= MAX_ITEMS) {
      throw ApiException.badRequest("at most " + MAX_ITEMS + " items of a kind are kept; delete some first");
    }
    byte[] idBytes = new byte[6];
    RANDOM.nextBytes(idBytes);
    String id = HexFormat.of().formatHex(idBytes);
    Timestamp now = Timestamp.from(Instant.now());
    try (PreparedStatement ps = connection.prepareStatement("INSERT INTO main." + kind.table + " VALUES (?, ?, ?, ?, ?)")) {
      ps.setString(1, id);
      ps.setString(2, name);
      ps.setString(3, document);
      ps.setTimestamp(4, now);
      ps.setTimestamp(5, now);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "cannot save: " + e.getMessage(), e);
    }
    return get(kind, id).orElseThrow();
  }

  /** Replaces an item's name and document; empty when there is no such item. */
  synchronized Optional<Map<String, Object>> replace(Kind kind, String id, JsonNode body) {
    checkId(id);
    String name = name(body);
    String document = document(body);
    try (PreparedStatement ps = connection.prepareStatement("UPDATE main." + kind.table + " SET name = ?, document = ?, updated_at = ? WHERE id = ?")) {
      ps.setString(1, name);
      ps.setString(2, document);
      ps.setTimestamp(3, Timestamp.from(Instant.now()));
      ps.setString(4, id);
      if (ps.executeUpdate() == 0) {
        return Optional.empty();
      }
    } catch (SQLException e) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "cannot save: " + e.getMessage(), e);
    }
    return get(kind, id);
  }

  synchronized boolean delete(Kind kind, String id) {
    checkId(id);
    try (PreparedStatement ps = connection.prepareStatement("DELETE FROM main." + kind.table + " WHERE id = ?")) {
      ps.setString(1, id);
      return ps.executeUpdate() > 0;
    } catch (SQLException e) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "cannot delete: " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> item(ResultSet rs) throws SQLException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", rs.getString(1));
    m.put("name", rs.getString(2));
    try {
      m.put("document", ApiServer.JSON.readTree(rs.getString(3)));
    } catch (JsonProcessingException e) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "a saved item is damaged: " + e.getMessage(), e);
    }
    m.put("created_at", JsonValues.of(rs.getTimestamp(4)));
    m.put("updated_at", JsonValues.of(rs.getTimestamp(5)));
    return m;
  }

  private static String name(JsonNode body) {
    JsonNode n = body.get("name");
    if (n == null || !n.isTextual() || n.asText().isBlank() || n.asText().length() > 200) {
      throw ApiException.badRequest("an item needs a name: text of 1 to 200 characters");
    }
    return n.asText().strip();
  }

  private static String document(JsonNode body) {
    JsonNode d = body.get("document");
    if (d == null || !d.isObject()) {
      throw ApiException.badRequest("an item needs a document: a JSON object");
    }
    String text = d.toString();
    if (text.length() > MAX_DOCUMENT) {
      throw ApiException.badRequest("an item's document is at most " + MAX_DOCUMENT + " characters");
    }
    return text;
  }

  private static void checkId(String id) {
    if (!id.matches("[0-9a-f]{12}")) {
      throw ApiException.badRequest("an item id is 12 hex digits, not '" + Identifiers.shorten(id) + "'");
    }
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "cannot close the saved items' connection: " + e.getMessage(), e);
    }
  }
}
