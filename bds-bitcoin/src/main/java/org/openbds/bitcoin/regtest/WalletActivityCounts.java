package org.openbds.bitcoin.regtest;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a {@link WalletActivity} has done so far: rounds, blocks mined (initial ones included), payments by shape,
 * outputs of its send-many payments, and reorgs. Every {@link PaymentShape} has an entry.
 */
public record WalletActivityCounts(int rounds, int blocksMined, Map<PaymentShape, Integer> payments, int sendManyOutputs, int reorgs) {
  public WalletActivityCounts {
    requireNonNull(payments, "payments is null");
    EnumMap<PaymentShape, Integer> all = new EnumMap<>(PaymentShape.class);
    for (PaymentShape shape : PaymentShape.values()) {
      all.put(shape, payments.getOrDefault(shape, 0));
    }
    payments = Collections.unmodifiableMap(all);
  }

  public int payments(PaymentShape shape) {
    return payments.get(shape);
  }

  public int totalPayments() {
    return payments.values().stream().mapToInt(Integer::intValue).sum();
  }
}
