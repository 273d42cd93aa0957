package org.openbds.ethereum.devnet;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * The devnet's test contracts as compiled by {@code bds-ethereum/src/main/solidity/compile-contracts.js} into the
 * resource {@value #RESOURCE} (ContractsBuildIT checks that the committed file is exactly what that script makes).
 * Immutable.
 */
public final class CompiledContracts {
  public static final String RESOURCE = "/org/openbds/ethereum/devnet/contracts.json";

  private final String compiler;
  private final Map<String, CompiledContract> contracts;

  private CompiledContracts(String compiler, Map<String, CompiledContract> contracts) {
    this.compiler = requireNonNull(compiler, "compiler is null");
    this.contracts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(contracts));
  }

  /** Reads the shipped {@value #RESOURCE}. */
  public static CompiledContracts load() {
    try (InputStream in = CompiledContracts.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new BdsException(ErrorCode.IO_FAILURE, "the resource " + RESOURCE + " is missing from the build");
      }
      return parse(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "cannot read " + RESOURCE + ": " + e.getMessage(), e);
    }
  }

  /** Reads the compile script's JSON output. */
  public static CompiledContracts parse(JsonNode root) {
    JsonNode all = root.path("contracts");
    if (!root.path("compiler").isTextual() || !all.isObject()) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "not the compile script's output: no compiler or contracts");
    }
    Map<String, CompiledContract> contracts = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : all.properties()) {
      JsonNode c = e.getValue();
      Map<String, String> selectors = new LinkedHashMap<>();
      c.path("methodIdentifiers").properties().forEach(m -> selectors.put(m.getKey(), m.getValue().asText()));
      contracts.put(
          e.getKey(),
          new CompiledContract(
              e.getKey(), c.path("source").asText(), c.path("abi").toString(), c.path("bytecode").asText(), c.path("deployedBytecode").asText(), selectors));
    }
    return new CompiledContracts(root.get("compiler").asText(), contracts);
  }

  /** The solc version that compiled them, e.g. {@code 0.8.28+commit.7893614a.Emscripten.clang}. */
  public String compiler() {
    return compiler;
  }

  public Set<String> names() {
    return contracts.keySet();
  }

  public CompiledContract contract(String name) {
    CompiledContract c = contracts.get(name);
    if (c == null) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "no compiled contract " + name + "; there are " + contracts.keySet());
    }
    return c;
  }
}
