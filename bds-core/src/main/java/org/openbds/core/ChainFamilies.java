package org.openbds.core;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;
import org.openbds.api.BdsException;
import org.openbds.api.ChainFamily;
import org.openbds.api.ChainId;
import org.openbds.api.ErrorCode;

/** The chain families on the class path, found with {@link ServiceLoader}. */
public final class ChainFamilies {
  private final List<ChainFamily> families;

  public ChainFamilies(List<ChainFamily> families) {
    this.families = List.copyOf(families);
  }

  public static ChainFamilies load() {
    List<ChainFamily> found = new ArrayList<>();
    ServiceLoader.load(ChainFamily.class).forEach(found::add);
    return new ChainFamilies(found);
  }

  public List<ChainFamily> families() {
    return families;
  }

  /** The family serving {@code chain}; an unknown chain is {@link ErrorCode#UNKNOWN_CHAIN} listing the known ones. */
  public ChainFamily forChain(String chain) {
    for (ChainFamily f : families) {
      for (ChainId c : f.chains()) {
        if (c.value().equals(chain)) {
          return f;
        }
      }
    }
    TreeSet<String> known = new TreeSet<>();
    families.forEach(f -> f.chains().forEach(c -> known.add(c.value())));
    throw new BdsException(ErrorCode.UNKNOWN_CHAIN, "unknown chain '" + chain + "'; known chains: " + String.join(", ", known));
  }
}
