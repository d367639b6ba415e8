package dev.gauntlet.cli;

import dev.gauntlet.UserInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
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
      BenchCommand.class,
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
              u.printStackTrace(err);
            }
            return USER_ERROR;
          }
          err.println("gauntlet: internal error: " + ex);
          if (verbose) {
            ex.printStackTrace(err);
          } else {
            err.println("This is a bug in Gauntlet. Rerun with --verbose and report the output.");
          }
          return INTERNAL_ERROR;
        });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
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
