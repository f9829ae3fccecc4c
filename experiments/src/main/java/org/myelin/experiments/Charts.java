package org.myelin.experiments;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One look for every chart: white background, fonts large enough to read on a laptop screen and in
 * a slide, and a fixed palette so the same series has the same colour in every panel.
 */
final class Charts {
    /** Tableau's ten colours: distinct, readable on white, and kind to the colour-blind. */
    static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

    static final int WIDTH = 900;
    static final int HEIGHT = 600;

    static {
        // Charts are drawn into images, never on screen: servers and CI have no display. A user's explicit choice stands.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Charts() {}

    /**
     * @param title  the chart's title
     * @param xTitle the x axis's label, with its unit
     * @param yTitle the y axis's label, with its unit
     * @return a line chart with the common style
     */
    static XYChart lines(String title, String xTitle, String yTitle) {
        return lines(title, xTitle, yTitle, WIDTH, HEIGHT);
    }

    static XYChart lines(String title, String xTitle, String yTitle, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        Styler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        s.setLegendPosition(Styler.LegendPosition.InsideSE);
        s.setLegendBorderColor(Color.LIGHT_GRAY);
        s.setChartTitleBoxVisible(false);
        s.setSeriesColors(PALETTE);
        s.setAntiAlias(true);
        chart.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
        chart.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(0xdddddd));
        chart.getStyler().setPlotBorderColor(Color.GRAY);
        chart.getStyler().setMarkerSize(7);
        return chart;
    }

    /** Adds a plain line with small round markers, in the palette colour {@code index}. */
    static XYSeries line(XYChart chart, String name, double[] x, double[] y, int index) {
        XYSeries s = chart.addSeries(name, x, y);
        Color c = PALETTE[index % PALETTE.length];
        s.setLineColor(c);
        s.setMarkerColor(c);
        s.setMarker(x.length > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        s.setLineStyle(new BasicStroke(2.5f));
        return s;
    }

    /** Adds a dashed line, for a second quantity of the same series (a derivative, a test curve). */
    static XYSeries dashed(XYChart chart, String name, double[] x, double[] y, int index) {
        XYSeries s = line(chart, name, x, y, index);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineStyle(new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {9f, 6f}, 0f));
        return s;
    }

    /** @return the chart drawn into an image */
    static BufferedImage image(XYChart chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * Puts panels side by side on a white sheet, under one title, so a figure with one panel per
     * case is one PNG.
     *
     * @param title  the figure's title, above the panels
     * @param panels the panels, left to right, all the same height
     * @return the sheet
     */
    static BufferedImage sideBySide(String title, List<BufferedImage> panels) {
        int titleHeight = 50;
        int width = panels.stream().mapToInt(BufferedImage::getWidth).sum();
        int height = titleHeight + panels.stream().mapToInt(BufferedImage::getHeight).max().orElse(0);
        return sheet(width, height, g -> {
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 24));
            int textWidth = g.getFontMetrics().stringWidth(title);
            g.drawString(title, (width - textWidth) / 2, 34);
            int x = 0;
            for (BufferedImage p : panels) {
                g.drawImage(p, x, titleHeight, null);
                x += p.getWidth();
            }
        });
    }

    /**
     * @param width  the sheet's width in pixels
     * @param height its height
     * @param draw   draws on it, in black by default, with antialiased text
     * @return a white sheet with the drawing
     */
    static BufferedImage sheet(int width, int height, java.util.function.Consumer<Graphics2D> draw) {
        BufferedImage sheet = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            draw.accept(g);
        } finally {
            g.dispose();
        }
        return sheet;
    }
}
