package dev.gauntlet.expectations;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Verdicts as a JUnit XML report (one test case per expectation), the format CI systems display.
 * Written with the JDK's StAX writer, which escapes markup; characters XML 1.0 cannot hold (control
 * characters) are replaced by U+FFFD.
 *
 * <pre>
 * &lt;testsuite name="credit" tests="2" failures="1" errors="0" skipped="0"&gt;
 *   &lt;properties&gt;&lt;property name="seed" value="42"/&gt;&lt;/properties&gt;
 *   &lt;testcase classname="credit" name="accuracy &amp;gt;= 0.85"/&gt;
 *   &lt;testcase classname="credit" name="accuracy drop &amp;lt;= 0.05 under covariate-shift"&gt;
 *     &lt;failure type="expectation" message="accuracy drop 0.12 does not meet ..."&gt;...&lt;/failure&gt;
 *   &lt;/testcase&gt;
 * &lt;/testsuite&gt;
 * </pre>
 */
public final class JunitXml {
  private JunitXml() {}

  /**
   * Writes {@code verdicts} as one {@code <testsuite>} named {@code suite}: a {@code <testcase>}
   * per expectation named by its text, a {@code <failure>} for each that failed whose message gives
   * the measured value, bound, variant, severity and seed, and whose body adds the breaking points
   * and how to rerun. UTF-8; the stream is flushed, not closed.
   *
   * @param seed the run's root seed, a suite property (also in each failure)
   */
  public static void write(String suite, long seed, List<Verdict> verdicts, OutputStream out) {
    Objects.requireNonNull(suite, "suite");
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    try {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(writer);
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      x.writeStartElement("testsuite");
      x.writeAttribute("name", clean(suite));
      x.writeAttribute("tests", Integer.toString(verdicts.size()));
      long failures = verdicts.stream().filter(v -> !v.passed()).count();
      x.writeAttribute("failures", Long.toString(failures));
      x.writeAttribute("errors", "0");
      x.writeAttribute("skipped", "0");
      x.writeCharacters("\n  ");
      x.writeStartElement("properties");
      x.writeEmptyElement("property");
      x.writeAttribute("name", "seed");
      x.writeAttribute("value", Long.toString(seed));
      x.writeEndElement();
      for (Verdict v : verdicts) {
        x.writeCharacters("\n  ");
        if (v.passed()) {
          x.writeEmptyElement("testcase");
          testcaseAttributes(x, suite, v);
          continue;
        }
        x.writeStartElement("testcase");
        testcaseAttributes(x, suite, v);
        x.writeCharacters("\n    ");
        x.writeStartElement("failure");
        x.writeAttribute("type", "expectation");
        x.writeAttribute("message", clean(v.message()));
        x.writeCharacters(clean(details(v)));
        x.writeEndElement();
        x.writeCharacters("\n  ");
        x.writeEndElement();
      }
      x.writeCharacters("\n");
      x.writeEndElement();
      x.writeCharacters("\n");
      x.writeEndDocument();
      x.flush();
      x.close();
      writer.flush();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing JUnit XML failed", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void testcaseAttributes(XMLStreamWriter x, String suite, Verdict v)
      throws XMLStreamException {
    x.writeAttribute("classname", clean(suite));
    x.writeAttribute("name", clean(v.expectation().text()));
  }

  /** The failure's body: the message, each sweep's breaking point, and how to rerun. */
  static String details(Verdict v) {
    StringBuilder b = new StringBuilder(v.message()).append('\n');
    for (BreakingPoint p : v.breakingPoints()) {
      b.append("breaking point under ").append(p.variant()).append(": ");
      if (p.breaks()) {
        b.append("severity ").append(Verdict.number(p.severity().getAsDouble()));
        b.append(p.mustHold() ? " (must hold there)" : " (a finding: it need not hold there)");
      } else {
        b.append("none, it holds at every severity");
      }
      b.append('\n');
    }
    return b.append("rerun with --seed ").append(v.seed()).append('\n').toString();
  }

  /** The text with characters XML 1.0 cannot represent replaced by U+FFFD. */
  static String clean(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok;
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        if (b != null) {
          b.append(c).append(s.charAt(i + 1));
        }
        i++;
        continue;
      }
      ok =
          c == '\t'
              || c == '\n'
              || c == '\r'
              || (c >= 0x20 && c <= 0xD7FF)
              || (c >= 0xE000 && c <= 0xFFFD);
      if (!ok && b == null) {
        b = new StringBuilder(s.substring(0, i));
      }
      if (b != null) {
        b.append(ok ? c : '\uFFFD');
      }
    }
    return b == null ? s : b.toString();
  }
}
