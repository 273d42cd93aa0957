package org.openbds.forensics.labels;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openbds.api.TableLoad;
import org.openbds.api.Warehouse;

/**
 * Labels kept in the warehouse, {@code main.bds_labels}, beside every chain (so SQL can join them). Importing a label
 * that is already there (same chain, address, category and name) replaces it.
 */
public final class LabelStore {
  private static final String CREATE =
      "CREATE TABLE IF NOT EXISTS main.bds_labels (chain VARCHAR NOT NULL, address VARCHAR NOT NULL, category VARCHAR NOT NULL, name VARCHAR NOT NULL,"
          + " source VARCHAR NOT NULL, author VARCHAR NOT NULL, added DATE NOT NULL, note VARCHAR)";

  private final Warehouse warehouse;

  public LabelStore(Warehouse warehouse) {
    this.warehouse = requireNonNull(warehouse, "warehouse is null");
  }

  /** Stores {@code labels} in one transaction; returns how many replaced labels already there. */
  public int importLabels(List<Label> given) {
    // the last of the same label in one import wins
    Map<List<String>, Label> unique = new java.util.LinkedHashMap<>();
    given.forEach(l -> unique.put(List.of(l.chain(), l.address(), l.category(), l.name()), l));
    List<Label> labels = new ArrayList<>(unique.values());
    warehouse.executeAtomically(List.of(CREATE));
    int before = count();
    warehouse.loadAtomically(
        List.of("DROP TABLE IF EXISTS main.bds_labels_incoming", "CREATE TABLE main.bds_labels_incoming (chain VARCHAR, address VARCHAR, category VARCHAR, name VARCHAR, source VARCHAR,"
            + " author VARCHAR, added TIMESTAMP, note VARCHAR)"),
        List.of(new TableLoad("main", "bds_labels_incoming", w -> {
          for (Label l : labels) {
            w.beginRow();
            w.putString(l.chain());
            w.putString(l.address());
            w.putString(l.category());
            w.putString(l.name());
            w.putString(l.source());
            w.putString(l.author());
            w.putEpochSeconds(l.added().toEpochDay() * 86_400L);
            if (l.note().isPresent()) {
              w.putString(l.note().get());
            } else {
              w.putNull();
            }
            w.endRow();
          }
        })),
        List.of(
            "DELETE FROM main.bds_labels l USING main.bds_labels_incoming n"
                + " WHERE l.chain = n.chain AND l.address = n.address AND l.category = n.category AND l.name = n.name",
            "INSERT INTO main.bds_labels SELECT chain, address, category, name, source, author, CAST(added AS DATE), note FROM main.bds_labels_incoming",
            "DROP TABLE main.bds_labels_incoming"));
    return before + labels.size() - count();
  }

  /** The labels of {@code chain}, optionally only those of {@code categories}, by address. */
  public Map<String, List<Label>> byAddress(String chain, Collection<String> categories) {
    Map<String, List<Label>> out = new HashMap<>();
    for (Label l : list(Optional.of(chain))) {
      if (categories.isEmpty() || categories.contains(l.category())) {
        out.computeIfAbsent(l.address(), k -> new ArrayList<>()).add(l);
      }
    }
    return out;
  }

  /** Every label, or those of one chain, ordered by chain, address, category and name. */
  public List<Label> list(Optional<String> chain) {
    warehouse.executeAtomically(List.of(CREATE));
    List<List<Object>> rows = chain.isPresent()
        ? warehouse.query("SELECT * FROM main.bds_labels WHERE chain = ? ORDER BY chain, address, category, name", chain.get()).rows()
        : warehouse.query("SELECT * FROM main.bds_labels ORDER BY chain, address, category, name").rows();
    List<Label> out = new ArrayList<>();
    for (List<Object> r : rows) {
      out.add(new Label((String) r.get(0), (String) r.get(1), (String) r.get(2), (String) r.get(3), (String) r.get(4), (String) r.get(5),
          (LocalDate) r.get(6), Optional.ofNullable((String) r.get(7))));
    }
    return out;
  }

  private int count() {
    return ((Number) warehouse.query("SELECT count(*) FROM main.bds_labels").rows().get(0).get(0)).intValue();
  }

}
