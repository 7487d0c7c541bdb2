package io.tandemmq.broker.core.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LikePatternTest {

    private static boolean like(String pattern, String value) {
        return LikePattern.compile(pattern, LikePattern.NO_ESCAPE).matches(value);
    }

    private static boolean like(String pattern, char escape, String value) {
        return LikePattern.compile(pattern, escape).matches(value);
    }

    @ParameterizedTest(name = "''{1}'' LIKE ''{0}'' is {2}")
    @CsvSource(value = {
        "abc|abc|true", "abc|abd|false", "abc|ab|false", "abc|abcd|false", "abc|ABC|false",
        "%|''|true", "%|anything|true", "''|''|true", "''|x|false",
        "a%|a|true", "a%|abc|true", "a%|ba|false",
        "%a|cba|true", "%a|ab|false",
        "%b%|abc|true", "%b%|b|true", "%b%|ac|false",
        "a%c%e|abcde|true", "a%c%e|ace|true", "a%c%e|aec|false",
        "_|a|true", "_|''|false", "_|ab|false", "__|ab|true",
        "a_c|abc|true", "a_c|ac|false", "_%_|ab|true", "_%_|a|false",
        "%%|''|true", "a%%b|ab|true", "%ab|aab|true", "%aab|aaab|true"}, delimiter = '|')
    void wildcards_matchPerSpecification(String pattern, String value, boolean expected) {
        assertEquals(expected, like(pattern, value));
    }

    @Test
    void regexMetacharacters_matchThemselves() {
        assertTrue(like("a.c", "a.c"));
        assertFalse(like("a.c", "abc"));
        assertTrue(like("[x]*+?{1}(y)|$^\\", "[x]*+?{1}(y)|$^\\"));
        assertFalse(like("x*", "xx"));
        assertTrue(like("\\Q%\\E", "\\Qanything\\E"));
    }

    @Test
    void percent_matchesAcrossLineTerminators() {
        assertTrue(like("a%b", "a\n\r\u2028b"));
        assertTrue(like("a_b", "a\nb"));
    }

    @Test
    void underscore_matchesOneSupplementaryCharacter() {
        String emoji = new String(Character.toChars(0x1F600));
        assertTrue(like("a_b", "a" + emoji + "b"));
        assertTrue(like(emoji + "%", emoji + "x"));
        assertFalse(like("a__b", "a" + emoji + "b"));
    }

    @Test
    void escape_makesWildcardsAndItselfLiteral() {
        assertTrue(like("\\_%", '\\', "_foo"));
        assertFalse(like("\\_%", '\\', "xfoo"));
        assertTrue(like("50!%", '!', "50%"));
        assertFalse(like("50!%", '!', "500"));
        assertTrue(like("a!!b", '!', "a!b"));
        assertTrue(like("!a", '!', "a"));
    }

    @Test
    void wildcardCharacterAsEscape_escapesItself() {
        assertTrue(like("100%%", '%', "100%"));
        assertFalse(like("100%%", '%', "1000"));
    }

    @Test
    void escapeAtEndOfPattern_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> LikePattern.compile("abc!", '!'));
    }

    @Test
    void manyPercents_doNotBacktrackExponentially() {
        String value = "a".repeat(20_000);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertFalse(like("%a%a%a%a%a%a%a%a%a%a%b", value));
            assertTrue(like("%a%a%a%a%a%a%a%a%a%a%", value));
        });
    }
}
