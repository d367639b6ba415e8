package dev.gauntlet.scenario.html.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.IChart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's charts, drawn with XChart off screen and returned as base64 PNG. */
public final class Charts {
  static {
    // drawn into images only: no display is needed or wanted (CI, servers)
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  public static final Color METRIC = new Color(0x1f, 0x5f, 0xa8);
  public static final Color BAND = new Color(0x1f, 0x5f, 0xa8, 0x40);
  public static final Color BASELINE = new Color(0x55, 0x55, 0x55);
  public static final Color BOUND = new Color(0xc0, 0x39, 0x2b);
  public static final Color BREAK = new Color(0xd3, 0x54, 0x00);
  public static final Color REAL = new Color(0x1f, 0x5f, 0xa8);
  public static final Color SYNTHETIC = new Color(0xe6, 0x7e, 0x22);
  private static final Font BASE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final BasicStroke DASHED =
      new BasicStroke(
          1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0);

  private Charts() {}

  /** A metric against severity. */
  public record Curve(
      String title,
      String metric,
      double[] severity,
      double[] value,
      double[] lo,
      double[] hi,
      double baseline,
      double bound,
      double[] breakingSeverities,
      double[] breakingValues) {}

  /** The robustness chart of one variant. */
  public static String robustness(Curve c) {
    XYChart chart =
        new XYChartBuilder()
            .width(560)
            .height(320)
            .title(c.title())
            .xAxisTitle("severity")
            .yAxisTitle(c.metric())
            .build();
    style(chart.getStyler());
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    chart.getStyler().setXAxisMin(0.0);
    chart.getStyler().setXAxisMax(Math.max(1.0, max(c.severity())));
    chart.getStyler().setMarkerSize(7);
    chart.getStyler().setYAxisDecimalPattern("#0.###");
    chart.getStyler().setXAxisDecimalPattern("#0.##");
    double x0 = 0;
    double x1 = Math.max(1.0, max(c.severity()));
    boolean band = finite(c.lo()) && finite(c.hi()) && c.severity().length > 0;
    if (band) {
      int n = c.severity().length;
      double[] xs = new double[2 * n];
      double[] ys = new double[2 * n];
      for (int i = 0; i < n; i++) {
        xs[i] = c.severity()[i];
        ys[i] = c.hi()[i];
        xs[2 * n - 1 - i] = c.severity()[i];
        ys[2 * n - 1 - i] = c.lo()[i];
      }
      XYSeries s = chart.addSeries("bootstrap band", xs, ys);
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
      s.setFillColor(BAND);
      s.setLineColor(BAND);
      s.setMarker(SeriesMarkers.NONE);
    }
    if (Double.isFinite(c.baseline())) {
      XYSeries s =
          chart.addSeries(
              "baseline", new double[] {x0, x1}, new double[] {c.baseline(), c.baseline()});
      s.setLineColor(BASELINE);
      s.setLineStyle(DASHED);
      s.setMarker(SeriesMarkers.NONE);
    }
    if (Double.isFinite(c.bound())) {
      XYSeries s =
          chart.addSeries("bound", new double[] {x0, x1}, new double[] {c.bound(), c.bound()});
      s.setLineColor(BOUND);
      s.setLineWidth(2f);
      s.setMarker(SeriesMarkers.NONE);
    }
    XYSeries s = chart.addSeries(c.metric(), c.severity(), c.value());
    s.setLineColor(METRIC);
    s.setMarkerColor(METRIC);
    s.setMarker(SeriesMarkers.CIRCLE);
    if (c.breakingSeverities().length > 0) {
      XYSeries b = chart.addSeries("breaking point", c.breakingSeverities(), c.breakingValues());
      b.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      b.setMarker(SeriesMarkers.DIAMOND);
      b.setMarkerColor(BREAK);
    }
    return png(chart);
  }

  /** A reliability diagram: one series of (confidence, accuracy) points per entry. */
  public record Reliability(String name, double[] confidence, double[] accuracy) {}

  public static String reliability(List<Reliability> lines) {
    XYChart chart =
        new XYChartBuilder()
            .width(520)
            .height(440)
            .title("Reliability diagram")
            .xAxisTitle("mean confidence (top class)")
            .yAxisTitle("accuracy")
            .build();
    style(chart.getStyler());
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    chart.getStyler().setXAxisMin(0.0);
    chart.getStyler().setXAxisMax(1.0);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(1.0);
    XYSeries diagonal =
        chart.addSeries("perfect calibration", new double[] {0, 1}, new double[] {0, 1});
    diagonal.setLineColor(BASELINE);
    diagonal.setLineStyle(DASHED);
    diagonal.setMarker(SeriesMarkers.NONE);
    Color[] colors = {METRIC, BOUND, SYNTHETIC};
    int i = 0;
    for (Reliability r : lines) {
      XYSeries s =
          chart.addSeries(
              r.name(),
              r.confidence().length == 0 ? new double[] {0} : r.confidence(),
              r.accuracy().length == 0 ? new double[] {0} : r.accuracy());
      s.setLineColor(colors[i % colors.length]);
      s.setMarkerColor(colors[i % colors.length]);
      s.setMarker(SeriesMarkers.CIRCLE);
      i++;
    }
    return png(chart);
  }

  /** Real against synthetic shares, side by side. */
  public static String distribution(
      String title, List<String> labels, List<Double> real, List<Double> synthetic) {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(420)
            .height(260)
            .title(title)
            .yAxisTitle("share of rows")
            .build();
    style(chart.getStyler());
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.getStyler().setXAxisLabelRotation(labels.size() > 6 ? 60 : 0);
    chart.getStyler().setAvailableSpaceFill(0.85);
    chart.getStyler().setSeriesColors(new Color[] {REAL, SYNTHETIC});
    chart.addSeries("real", labels, zeroNaN(real));
    chart.addSeries("synthetic", labels, zeroNaN(synthetic));
    return png(chart);
  }

  /** The pair-trend scores as a heat map (undefined pairs left blank). */
  public static String heatMap(String title, List<String> columns, List<List<Double>> scores) {
    int size = Math.max(360, Math.min(900, 160 + 22 * columns.size()));
    HeatMapChart chart =
        new HeatMapChartBuilder().width(size + 120).height(size).title(title).build();
    chart.getStyler().setBaseFont(BASE);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setXAxisLabelRotation(90);
    chart.getStyler().setShowValue(columns.size() <= 12);
    chart.getStyler().setMin(0);
    chart.getStyler().setMax(1);
    chart.getStyler().setRangeColors(new Color[] {BOUND, new Color(0xf7, 0xdc, 0x6f), METRIC});
    List<Number[]> cells = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      for (int j = 0; j < columns.size(); j++) {
        double v = scores.get(i).get(j);
        if (Double.isFinite(v)) {
          cells.add(new Number[] {i, j, Math.round(v * 100) / 100.0});
        }
      }
    }
    chart.addSeries("pair trend", columns, columns, cells);
    return png(chart);
  }

  private static void style(Styler s) {
    s.setBaseFont(BASE);
    s.setChartTitleFont(BASE.deriveFont(Font.BOLD, 14f));
    s.setChartBackgroundColor(Color.WHITE);
    s.setLegendBorderColor(Color.WHITE);
    s.setAntiAlias(true);
    if (s instanceof org.knowm.xchart.style.AxesChartStyler a) {
      a.setAxisTitleFont(BASE);
      a.setAxisTickLabelsFont(BASE.deriveFont(11f));
      a.setPlotBackgroundColor(Color.WHITE);
      a.setPlotGridLinesColor(new Color(0xe5, 0xe5, 0xe5));
      a.setPlotBorderColor(new Color(0xbb, 0xbb, 0xbb));
    }
  }

  private static String png(IChart chart) {
    try {
      return Base64.getEncoder()
          .encodeToString(BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double max(double[] v) {
    double m = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      m = Math.max(m, x);
    }
    return m;
  }

  private static boolean finite(double[] v) {
    for (double x : v) {
      if (!Double.isFinite(x)) {
        return false;
      }
    }
    return true;
  }

  private static List<Double> zeroNaN(List<Double> v) {
    return v.stream().map(x -> Double.isFinite(x) ? x : 0.0).toList();
  }
}
