package org.openbds.ethereum.devnet;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.TreeMap;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * One contract of {@code contracts.json}: its ABI (JSON text), creation and runtime bytecode (0x-prefixed hex) and the
 * selectors of its functions by signature.
 */
public record CompiledContract(String name, String source, String abi, String bytecode, String deployedBytecode, Map<String, String> methodIdentifiers) {
  public CompiledContract {
    requireNonNull(name, "name is null");
    requireNonNull(source, "source is null");
    requireNonNull(abi, "abi is null");
    requireNonNull(bytecode, "bytecode is null");
    requireNonNull(deployedBytecode, "deployedBytecode is null");
    methodIdentifiers = java.util.Collections.unmodifiableMap(new TreeMap<>(methodIdentifiers));
  }

  /** The 4-byte selector (8 hex digits) of a function of this contract, e.g. {@code transfer(address,uint256)}. */
  public String selector(String signature) {
    String selector = methodIdentifiers.get(signature);
    if (selector == null) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, name + " has no function " + signature + "; it has " + methodIdentifiers.keySet());
    }
    return selector;
  }

  /** Creation code followed by the ABI-encoded constructor arguments, as 0x-prefixed hex. */
  public String deployment(AbiValue... constructorArguments) {
    return bytecode + Hex.digits(Abi.encode(java.util.List.of(constructorArguments)));
  }
}
