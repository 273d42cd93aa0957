package org.openbds.ethereum.devnet;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * Internal value transfers through the Forwarder contract: ether split among recipients through nested calls, a
 * caught inner call that reverts after paying, children created with value by CREATE and CREATE2, SELFDESTRUCT in the
 * creating transaction and later. Every round makes each of them once.
 */
final class ForwarderMoves {
  static final long GAS = 1_000_000;
  private static final String CHILD_CREATED = Abi.eventTopic("ChildCreated(address,bool,uint256)");

  private final ActivityContext ctx;
  /** Addresses only ever offered ether in reverted subtrees: their balance must stay zero. */
  private final List<String> refused = new ArrayList<>();

  ForwarderMoves(ActivityContext ctx) {
    this.ctx = requireNonNull(ctx, "ctx is null");
  }

  /** Addresses that were paid only inside reverted subtrees, so that a test can check they hold nothing. */
  List<String> refused() {
    return List.copyOf(refused);
  }

  void plan(DevnetLedger planning, List<PlannedTransaction> out) {
    out.add(forward());
    out.add(forwardSurvivingRevert());
    out.add(createChild(false));
    out.add(createChild(true));
    out.add(createAndDestroy());
    if (!planning.children().isEmpty()) {
      out.add(destroy(planning.children().get(ctx.random.nextInt(planning.children().size()))));
    }
  }

  PlannedTransaction forward() {
    int count = 1 + ctx.random.nextInt(4);
    List<String> recipients = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      recipients.add(ctx.recipient());
    }
    recipients.forEach(ctx.touched::add);
    long hops = ctx.random.nextInt(4);
    return ctx.plan(
        EvmActivityKind.NESTED_FORWARD,
        ctx.account(),
        ctx.contracts().forwarder(),
        ctx.ether(),
        Abi.call("forward(address[],uint256)", AbiValue.addresses(recipients), AbiValue.uint(hops)),
        GAS,
        true,
        TransactionEffect.NONE);
  }

  PlannedTransaction forwardSurvivingRevert() {
    String paid = ctx.recipient();
    String refusedAddress = ctx.unusedAddress();
    refused.add(refusedAddress);
    ctx.touched.add(paid);
    ctx.touched.add(refusedAddress);
    BigInteger value = ctx.ether().add(BigInteger.ONE);
    return ctx.plan(
        EvmActivityKind.REVERTED_INNER_CALL,
        ctx.account(),
        ctx.contracts().forwarder(),
        value,
        Abi.call("forwardSurvivingRevert(address,address)", AbiValue.address(paid), AbiValue.address(refusedAddress)),
        GAS,
        true,
        TransactionEffect.NONE);
  }

  private PlannedTransaction createChild(boolean create2) {
    String beneficiary = ctx.recipient();
    ctx.touched.add(beneficiary);
    String data;
    if (create2) {
      byte[] salt = new byte[32];
      ctx.random.nextBytes(salt);
      data = Abi.call("create2Child(bytes32,address)", AbiValue.bytes32(salt), AbiValue.address(beneficiary));
    } else {
      data = Abi.call("createChild(address)", AbiValue.address(beneficiary));
    }
    return ctx.plan(
        create2 ? EvmActivityKind.CREATE2_WITH_VALUE : EvmActivityKind.CREATE_WITH_VALUE,
        ctx.account(),
        ctx.contracts().forwarder(),
        ctx.ether(),
        data,
        GAS,
        true,
        (ledger, receipt) -> ledger.addChild(child(receipt)));
  }

  private PlannedTransaction createAndDestroy() {
    String beneficiary = ctx.recipient();
    ctx.touched.add(beneficiary);
    return ctx.plan(
        EvmActivityKind.CREATE_AND_SELFDESTRUCT,
        ctx.account(),
        ctx.contracts().forwarder(),
        ctx.ether(),
        Abi.call("createAndDestroy(address)", AbiValue.address(beneficiary)),
        GAS,
        true,
        (ledger, receipt) -> child(receipt));
  }

  /** SELFDESTRUCT of a child created in an earlier transaction: since Cancun only its balance moves. */
  private PlannedTransaction destroy(String child) {
    return ctx.plan(
        EvmActivityKind.SELFDESTRUCT, ctx.account(), child, BigInteger.ZERO, Abi.call("destroy()"), GAS, true, TransactionEffect.NONE);
  }

  /** The child named by the receipt's ChildCreated event, noted as touched. */
  private String child(JsonNode receipt) {
    for (JsonNode log : receipt.path("logs")) {
      JsonNode topics = log.path("topics");
      if (topics.size() == 2 && CHILD_CREATED.equals(topics.get(0).asText())) {
        String child = Abi.address(new BigInteger(topics.get(1).asText().substring(2), 16));
        ctx.touched.add(child);
        return child;
      }
    }
    throw new BdsException(ErrorCode.MALFORMED_RESPONSE, "a Forwarder receipt without a ChildCreated event: " + receipt);
  }
}
