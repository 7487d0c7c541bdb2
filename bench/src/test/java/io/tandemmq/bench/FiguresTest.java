package io.tandemmq.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FiguresTest {

    @Test
    void oddCount_medianIsTheMiddleValue_andTheRunsKeepTheirOrder() {
        Figures f = Figures.of(List.of(5.0, 1.0, 3.0));
        assertEquals(3.0, f.median());
        assertEquals(1.0, f.min());
        assertEquals(5.0, f.max());
        assertEquals(List.of(5.0, 1.0, 3.0), f.values());
    }

    @Test
    void evenCount_medianIsTheMeanOfTheTwoMiddleValues() {
        assertEquals(2.5, Figures.of(List.of(4.0, 1.0, 2.0, 3.0)).median());
    }

    @Test
    void oneValue_isMedianMinAndMax() {
        Figures f = Figures.of(List.of(7.0));
        assertEquals(List.of(7.0, 7.0, 7.0), List.of(f.median(), f.min(), f.max()));
    }

    @Test
    void noValues_areRefused() {
        assertThrows(IllegalArgumentException.class, () -> Figures.of(List.of()));
    }

    @Test
    void percentile_isTheNearestRank() {
        long[] sorted = new long[100];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = i + 1;
        }
        assertEquals(50, Figures.percentile(sorted, 50));
        assertEquals(99, Figures.percentile(sorted, 99));
        assertEquals(100, Figures.percentile(sorted, 100));
        assertEquals(7, Figures.percentile(new long[] {7}, 99));
    }
}
