using System.Globalization;
using TrainingHub.Core.Common;

namespace TrainingHub.UnitTests.Common;

/// <summary>One way to write hours for people in each language; files for machines write numbers instead.</summary>
public class HoursTests
{
    private static readonly CultureInfo Portuguese = CultureInfo.GetCultureInfo("pt-BR");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    [TestCase(0, "0 h")]
    [TestCase(45, "0 h 45")]
    [TestCase(60, "1 h")]
    [TestCase(450, "7 h 30")]
    [TestCase(425, "7 h 05")]
    [TestCase(75_000, "1.250 h")]
    [TestCase(75_030, "1.250 h 30")]
    [TestCase(-90, "-1 h 30")]
    public void Portuguese_writes_h_between_hours_and_two_digit_minutes_with_a_dot_for_thousands(long minutes, string expected) =>
        Hours.Format(minutes, Portuguese).ShouldBe(expected);

    [TestCase(0, "0h")]
    [TestCase(45, "45m")]
    [TestCase(60, "1h")]
    [TestCase(450, "7h 30m")]
    [TestCase(425, "7h 5m")]
    [TestCase(75_000, "1,250h")]
    [TestCase(75_030, "1,250h 30m")]
    public void English_writes_hours_and_minutes_with_their_letters_and_a_comma_for_thousands(long minutes, string expected) =>
        Hours.Format(minutes, English).ShouldBe(expected);

    [Test]
    public void Without_a_culture_the_current_one_decides()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = English;
            Hours.Format(90).ShouldBe("1h 30m");
            CultureInfo.CurrentCulture = Portuguese;
            Hours.Format(90).ShouldBe("1 h 30");
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }
}
