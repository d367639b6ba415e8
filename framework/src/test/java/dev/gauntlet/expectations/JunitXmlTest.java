package dev.gauntlet.expectations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitXmlTest {
  static final String ODD = "x&\"c\"\u0001";

  static List<Verdict> verdicts() {
    Measurements m =
        MeasurementTable.builder(4211)
            .variant(ODD, 0, 0.5)
            .clean("accuracy", Measurement.of(0.8))
            .measured("accuracy", ODD, 0, Measurement.of(0.8))
            .measured("accuracy", ODD, 0.5, Measurement.of(0.6, 0.55, 0.65))
            .build();
    ExpectationParser p = ExpectationParser.forVariants(Map.of(ODD, List.of(0.0, 0.5)));
    return Expectations.evaluate(
        List.of(
            p.parse("accuracy >= 0.7"),
            p.parse("accuracy >= 0.7 under " + ODD),
            p.parse("accuracy drop < 0.3 under " + ODD)),
        m);
  }

  static Document write(String suite, List<Verdict> verdicts) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JunitXml.write(suite, 4211, verdicts, out);
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(out.toByteArray()));
  }

  @Test
  void oneTestCasePerExpectationWithTheFailuresFigures() throws Exception {
    Document d = write("credit <scenario>", verdicts());
    Element suite = d.getDocumentElement();
    assertThat(suite.getTagName()).isEqualTo("testsuite");
    assertThat(suite.getAttribute("name")).isEqualTo("credit <scenario>");
    assertThat(suite.getAttribute("tests")).isEqualTo("3");
    assertThat(suite.getAttribute("failures")).isEqualTo("1");
    Element seed = (Element) d.getElementsByTagName("property").item(0);
    assertThat(seed.getAttribute("name")).isEqualTo("seed");
    assertThat(seed.getAttribute("value")).isEqualTo("4211");

    NodeList cases = d.getElementsByTagName("testcase");
    assertThat(cases.getLength()).isEqualTo(3);
    String escapedName = "x&\"c\"\uFFFD"; // the control character cannot be in XML 1.0
    assertThat(((Element) cases.item(0)).getAttribute("name")).isEqualTo("accuracy >= 0.7");
    Element failed = (Element) cases.item(1);
    assertThat(failed.getAttribute("name")).isEqualTo("accuracy >= 0.7 under " + escapedName);
    assertThat(failed.getAttribute("classname")).isEqualTo("credit <scenario>");
    assertThat(((Element) cases.item(2)).getElementsByTagName("failure").getLength()).isZero();

    Element failure = (Element) failed.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("message"))
        .isEqualTo(
            "accuracy 0.6 does not meet >= 0.7 under "
                + escapedName
                + " at 0.5 (accuracy 0.6 [0.55, 0.65]); seed = 4211");
    assertThat(failure.getTextContent())
        .isEqualTo(
            failure.getAttribute("message")
                + "\nbreaking point under "
                + escapedName
                + ": severity 0.5 (must hold there)\nrerun with --seed 4211\n");
  }

  @Test
  void noExpectationsIsAnEmptySuite() throws Exception {
    Document d = write("empty", List.of());
    assertThat(d.getDocumentElement().getAttribute("tests")).isEqualTo("0");
    assertThat(d.getElementsByTagName("testcase").getLength()).isZero();
  }

  @Test
  void theOutputIsUtf8() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JunitXml.write("Fréchet", 1, List.of(), out);
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    assertThat(text).contains("name=\"Fréchet\"");
  }
}
