package org.myelin.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShapeAndTypesTest {

    @Test
    void broadcastAlignsFromTheRight() {
        assertEquals(Shape.of(2, 3, 4), Shape.broadcast("add", Shape.of(3, 1), Shape.of(2, 1, 4)));
        assertEquals(Shape.of(5), Shape.broadcast("add", Shape.scalar(), Shape.of(5)));
        assertEquals(Shape.of(0, 3), Shape.broadcast("add", Shape.of(0, 1), Shape.of(3)));
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> Shape.broadcast("mul", Shape.of(2, 3), Shape.of(4)));
        assertTrue(e.getMessage().contains("mul") && e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4]"));
    }

    @Test
    void axesMayCountFromTheEnd() {
        Shape s = Shape.of(2, 3, 4);
        assertEquals(4, s.size(-1));
        assertEquals(2, s.normalizeAxis(-1));
        assertEquals(24, s.numel());
        assertEquals(1, Shape.scalar().numel());
        assertThrows(InvalidArgumentException.class, () -> s.normalizeAxis(3));
        assertThrows(InvalidArgumentException.class, () -> Shape.of(2, -1));
    }

    @Test
    void typePromotionFollowsPyTorch() {
        assertEquals(DType.FLOAT32, DType.promote(DType.INT64, DType.FLOAT32));
        assertEquals(DType.FLOAT64, DType.promote(DType.FLOAT32, DType.FLOAT64));
        assertEquals(DType.FLOAT64, DType.promote(DType.FLOAT64, DType.INT64));
        assertEquals(DType.INT64, DType.promote(DType.INT64, DType.INT64));
    }

    @Test
    void devicesParse() {
        assertEquals(Device.CPU, Device.parse("cpu"));
        assertEquals(Device.cuda(1), Device.parse("CUDA:1"));
        assertEquals("cuda:0", Device.cuda(0).toString());
        assertThrows(InvalidArgumentException.class, () -> Device.parse("cuda:x"));
    }

    @Test
    void gradModeGuardsNest() {
        try (var outer = GradMode.noGrad()) {
            try (var inner = GradMode.enableGrad()) {
                assertTrue(GradMode.isEnabled());
            }
            assertEquals(false, GradMode.isEnabled());
        }
        assertTrue(GradMode.isEnabled());
    }
}
