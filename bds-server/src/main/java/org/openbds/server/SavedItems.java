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
 * Saved queries, dashboards and cases, kept in the warehouse itself ({@code main.bds_saved_queries},
 * {@code main.bds_dashboards}, {@code main.bds_cases}) so that they travel with the data. Written on a connection of
 * their own, in short transactions that touch no chain table, so they never wait on a sync in the same process. Each
 * item is a JSON document the web app defines, with a name; the server checks its size and shape, not its meaning —
 * except that a case's document must hold a case file ({@code "case"}, format {@code openbds-case/1}).
 */
final class SavedItems implements AutoCloseable {
  /** A kind of saved item: its table, its route, and how large its document may be. */
  enum Kind {
    QUERY("bds_saved_queries", "/api/v1/saved-queries", 256 * 1024),
    DASHBOARD("bds_dashboards", "/api/v1/dashboards", 256 * 1024),
    /** A case of the web app's workspace: the case file of a trace, its expansions, notes and the graph's view. */
    CASE("bds_cases", "/api/v1/cases", MAX_CASE_DOCUMENT);

    final String table;
    final String path;
    final int maxDocument;

    Kind(String table, String path, int maxDocument) {
      this.table = table;
      this.path = path;
      this.maxDocument = maxDocument;
    }
  }

  /** Characters a case's document may have: a trace of thousands of transactions with their expansions. */
  static final int MAX_CASE_DOCUMENT = 8 * 1024 * 1024;
  private static final int MAX_ITEMS = 10_000;
  private static final String CASE_FORMAT = "openbds-case/1";
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
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "cannot create the tables of saved queries, dashboards and cases: " + e.getMessage(), e);
    }
  }

  synchronized List<Map<String, Object>> list(Kind kind) {
    List<Map<String, Object>> out = new ArrayList<>();
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT id, name, document, created_at, updated_at FROM main." + kind.table + " ORDER BY updated_at DESC, id")) {
      while (rs.next()) {
        Map<String, Object> item = item(rs);
        if (kind == Kind.CASE) {
          // a list of cases names them; each case's document (its whole trace) is read on its own
          item.put("summary", caseSummary((JsonNode) item.remove("document")));
        }
        out.add(item);
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
    String document = document(kind, body);
    if (count(kind) >= MAX_ITEMS) {
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
    String document = document(kind, body);
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

  private static String document(Kind kind, JsonNode body) {
    JsonNode d = body.get("document");
    if (d == null || !d.isObject()) {
      throw ApiException.badRequest("an item needs a document: a JSON object");
    }
    if (kind == Kind.CASE && !d.path("case").path("format").asText().equals(CASE_FORMAT)) {
      throw ApiException.badRequest("a case's document holds its case file: {\"case\": {\"format\": \"" + CASE_FORMAT + "\", …}, …}");
    }
    String text = d.toString();
    if (text.length() > kind.maxDocument) {
      throw ApiException.badRequest("an item's document is at most " + kind.maxDocument + " characters");
    }
    return text;
  }

  /** What a list of cases shows of each: the chain, where its trace started, how, and how far it went. */
  private static Map<String, Object> caseSummary(JsonNode document) {
    JsonNode c = document.path("case");
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("chain", c.path("chain").path("id").asText(null));
    s.put("from", c.path("request").path("from").asText(null));
    s.put("direction", c.path("request").path("direction").asText(null));
    s.put("taint_model", c.path("request").path("taint_model").asText(null));
    s.put("transactions", c.path("summary").path("transactions").isNumber() ? c.path("summary").path("transactions").asLong() : null);
    s.put("expansions", document.path("expansions").size());
    return s;
  }

  private int count(Kind kind) {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM main." + kind.table)) {
      rs.next();
      return rs.getInt(1);
    } catch (SQLException e) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "cannot count saved items: " + e.getMessage(), e);
    }
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
