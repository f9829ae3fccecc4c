package org.myelin.experiments;

import java.awt.image.BufferedImage;

/**
 * One picture of a report.
 *
 * @param fileName the PNG's file name, such as {@code depth-accuracy.png}
 * @param caption  what it shows, under the picture in the HTML report
 * @param image    the rendered picture
 */
record Figure(String fileName, String caption, BufferedImage image) {}
