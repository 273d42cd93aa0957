package org.openbds.cli;

import java.io.PrintWriter;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.server.ApiKeys;
import org.openbds.server.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bds keys}: API keys of the server (their hashes are kept in the data directory). */
@Command(
    name = "keys",
    description = "Manage the API keys of bds serve: add, list, remove.",
    subcommands = {KeysCommand.Add.class, KeysCommand.ListKeys.class, KeysCommand.Remove.class})
final class KeysCommand {
  @ParentCommand BdsCommand parent;

  @Command(name = "add", description = "Make a key; it is printed once and only its hash is kept.")
  static final class Add implements Callable<Integer> {
    @ParentCommand KeysCommand keys;
    @Spec CommandSpec spec;

    @Option(names = "--role", required = true, description = "read, query or admin.")
    String role;

    @Option(names = "--name", defaultValue = "", description = "A note on whose key it is.")
    String name;

    @Option(names = "--rate-limit", description = "Requests per minute for this key (0: none; default: the server's).")
    Integer rateLimit;

    @Override
    public Integer call() {
      if (rateLimit != null && rateLimit < 0) {
        throw new BdsException(ErrorCode.INVALID_ARGUMENT, "--rate-limit must not be negative");
      }
      ApiKeys.Created c =
          ApiKeys.load(keys.parent.data).create(Role.parse(role), name, rateLimit == null ? OptionalInt.empty() : OptionalInt.of(rateLimit));
      PrintWriter out = spec.commandLine().getOut();
      out.println(c.key());
      spec.commandLine().getErr().printf("key %s (%s) added; it is shown only now%n", c.entry().id(), c.entry().role().label());
      return 0;
    }
  }

  @Command(name = "list", description = "List the keys: id, role, rate limit, name, created (never the keys).")
  static final class ListKeys implements Callable<Integer> {
    @ParentCommand KeysCommand keys;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      for (ApiKeys.Entry e : ApiKeys.load(keys.parent.data).entries()) {
        out.printf(
            "%s\t%s\t%s\t%s\t%s%n", e.id(), e.role().label(),
            e.rateLimitPerMinute().isPresent() ? e.rateLimitPerMinute().getAsInt() + "/min" : "default", e.name(), e.created());
      }
      return 0;
    }
  }

  @Command(name = "remove", description = "Remove a key by its id.")
  static final class Remove implements Callable<Integer> {
    @ParentCommand KeysCommand keys;

    @Parameters(paramLabel = "ID", description = "The key's id (bds keys list).")
    String id;

    @Override
    public Integer call() {
      if (!ApiKeys.load(keys.parent.data).remove(id)) {
        throw new BdsException(ErrorCode.INVALID_ARGUMENT, "no key " + id);
      }
      return 0;
    }
  }
}
