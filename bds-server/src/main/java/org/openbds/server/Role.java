package org.openbds.server;

import java.util.Locale;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/** What a caller may do; each role includes the ones before it. */
public enum Role {
  /** Nothing but health checks and the API description. */
  NONE,
  /** Reading: chains, blocks, transactions, addresses, metric series, saved items, address profiles, paths, labels. */
  READ,
  /** Reading plus SQL and condition queries, traces, and saving queries, dashboards and cases. */
  QUERY,
  /** Everything, key management included. */
  ADMIN;

  public boolean includes(Role other) {
    return compareTo(other) >= 0;
  }

  public static Role parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "unknown role '" + text + "'; use read, query or admin", e);
    }
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
