package org.openbds.server;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One page of rows and the cursor of the next page, absent on the last. */
record Page(List<Map<String, Object>> items, Optional<Cursor> next) {
  Map<String, Object> json() {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    out.put("items", items);
    out.put("next_cursor", next.map(Cursor::encode).orElse(null));
    return out;
  }
}
