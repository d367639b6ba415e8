package dev.gauntlet.cli;

import dev.gauntlet.UserInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code gauntlet} command line. */
@Command(
    name = "gauntlet",
    mixinStandardHelpOptions = true,
    versionProvider = GauntletCli.Version.class,
    description = "Puts machine-learning models through simulated worlds before production does.",
    subcommands = {
      RunCommand.class,
      ServeCommand.class,
      InspectCommand.class,
      GenerateCommand.class,
      CompareCommand.class,
      EvaluateCommand.class,
      PerturbCommand.class,
      MetricsCommand.class,
      BenchCommand.class,
      ValidateCommand.class,
      SchemaCommand.class,
      CommandLine.HelpCommand.class
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  success",
      "  1  an expectation of a scenario fails (gauntlet run)",
      "  2  user error: bad input or options (the message says where and how to fix it)",
      "  3  internal error: a bug in Gauntlet (rerun with --verbose and report it)"
    })
public final class GauntletCli implements Runnable {
  public static final int OK = 0;

  /** An expectation of a scenario fails. */
  public static final int CHECK_FAILED = 1;

  public static final int USER_ERROR = 2;
  public static final int INTERNAL_ERROR = 3;

  /** Columns of --help output. */
  static final int USAGE_WIDTH = 100;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Print stack traces with errors.")
  boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command");
  }

  public static void main(String[] args) {
    System.exit(
        execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given streams and returns the exit code. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    GauntletCli root = new GauntletCli();
    CommandLine cli = new CommandLine(root);
    cli.setOut(out);
    cli.setErr(err);
    // the descriptions are written as lines of up to 100 characters; at picocli's default 80
    // every line would wrap in the middle
    cli.setUsageHelpWidth(USAGE_WIDTH);
    cli.setExitCodeExceptionMapper(e -> INTERNAL_ERROR);
    cli.setParameterExceptionHandler(
        (ex, a) -> {
          UserInputException conversion = conversionError(ex);
          if (conversion != null) {
            err.println(conversion.getMessage());
            return USER_ERROR;
          }
          ex = unmatchedFirst(ex);
          err.println("gauntlet: " + ex.getMessage());
          if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
            err.println(
                "Run '"
                    + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help' for usage.");
          }
          return USER_ERROR;
        });
    cli.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          boolean verbose = root.verbose || java.util.Arrays.asList(args).contains("--verbose");
          if (ex instanceof UserInputException u) {
            err.println(u.getMessage());
            if (verbose) {
              err.print(stackTraceAfterMessage(u));
            }
            return USER_ERROR;
          }
          OutOfMemoryError oom = outOfMemory(ex);
          if (oom != null) {
            err.println(outOfMemoryMessage(oom));
            if (verbose) {
              oom.printStackTrace(err);
            }
            return INTERNAL_ERROR;
          }
          err.println("gauntlet: internal error: " + ex);
          if (verbose) {
            err.print(stackTraceAfterMessage(ex));
          } else {
            err.println("This is a bug in Gauntlet. Rerun with --verbose and report the output.");
          }
          return INTERNAL_ERROR;
        });
    int code;
    try {
      code = cli.execute(args);
    } catch (OutOfMemoryError e) {
      // thrown past picocli's handlers (an Error is not an exception to them)
      err.println(outOfMemoryMessage(e));
      if (root.verbose || java.util.Arrays.asList(args).contains("--verbose")) {
        e.printStackTrace(err);
      }
      code = INTERNAL_ERROR;
    }
    out.flush();
    err.flush();
    return code;
  }

  /** The OutOfMemoryError that caused {@code e} (a worker thread's, wrapped), or null. */
  static OutOfMemoryError outOfMemory(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof OutOfMemoryError oom) {
        return oom;
      }
    }
    return null;
  }

  /** One message for running out of memory: what ran out, the heap limit, how to give more. */
  static String outOfMemoryMessage(OutOfMemoryError e) {
    long maxMb = Runtime.getRuntime().maxMemory() >> 20;
    String what = e.getMessage() == null ? "memory" : e.getMessage();
    return "gauntlet: out of memory ("
        + what
        + ") with a Java heap of at most "
        + String.format(java.util.Locale.ROOT, "%,d", maxMb)
        + " MB. Give Java more, e.g. GAUNTLET_JAVA_OPTS=-Xmx"
        + Math.max(2, 2 * ((maxMb + 1023) / 1024))
        + "g ./gauntlet ..., or use fewer rows or columns (--exclude).";
  }

  /**
   * An unknown option reported before anything else: picocli reports a required option as missing
   * before the arguments it did not match, so a misspelt required option ({@code --prediction})
   * read only "Missing required option", without the suggestions of close names.
   */
  static CommandLine.ParameterException unmatchedFirst(CommandLine.ParameterException ex) {
    if (ex instanceof CommandLine.UnmatchedArgumentException) {
      return ex;
    }
    CommandLine cmd = ex.getCommandLine();
    List<String> unmatched = cmd.getUnmatchedArguments();
    if (unmatched.isEmpty()) {
      return ex;
    }
    return new CommandLine.UnmatchedArgumentException(cmd, unmatched);
  }

  /**
   * The stack trace of {@code t} without its first line, the exception's text, which the caller
   * printed already (with --verbose every message was printed twice).
   */
  static String stackTraceAfterMessage(Throwable t) {
    java.io.StringWriter text = new java.io.StringWriter();
    t.printStackTrace(new PrintWriter(text));
    String trace = text.toString();
    String head = t.toString();
    String rest = trace.startsWith(head) ? trace.substring(head.length()) : trace;
    return "stack trace (" + t.getClass().getName() + "):" + rest;
  }

  /**
   * Picocli's failure to convert a value (--seed abc) in the shape of every other user error, or
   * null for other parse errors (unknown or missing options), which keep picocli's message.
   */
  static UserInputException conversionError(CommandLine.ParameterException ex) {
    if (!(ex.getCause() instanceof CommandLine.TypeConversionException)
        || ex.getArgSpec() == null
        || ex.getValue() == null) {
      return null;
    }
    CommandLine.Model.ArgSpec arg = ex.getArgSpec();
    String where =
        arg instanceof CommandLine.Model.OptionSpec o ? o.longestName() : arg.paramLabel();
    Class<?> type = arg.type();
    if (arg.isMultiValue() && arg.auxiliaryTypes().length > 0) {
      type = arg.auxiliaryTypes()[0]; // the element type of a list option
    }
    return new UserInputException(
        where,
        UserInputException.quote(ex.getValue()),
        expected(type),
        "see " + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help");
  }

  private static String expected(Class<?> type) {
    if (type == long.class || type == Long.class) {
      return "a whole number (64-bit)";
    }
    if (type == int.class || type == Integer.class) {
      return "a whole number (32-bit, at most 2147483647)";
    }
    if (type == double.class || type == Double.class) {
      return "a number, such as 0.5";
    }
    if (type.isEnum()) {
      return "one of " + java.util.Arrays.toString(type.getEnumConstants());
    }
    return "a value of type " + type.getSimpleName();
  }

  /** Reads the version Maven wrote into version.properties. */
  /** Gauntlet's version, from the build. */
  static String version() {
    Properties p = new Properties();
    try (InputStream in = GauntletCli.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return p.getProperty("version", "(unknown version)");
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "gauntlet " + version(),
        "Java "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vendor")
            + ")"
      };
    }
  }
}
