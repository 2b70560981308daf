using TrainingHub.Core.Calendars;

namespace TrainingHub.UnitTests.Calendars;

public sealed class MonthCalendarTests
{
    [Test]
    public void A_month_grid_starts_on_the_first_day_of_the_week_holding_the_1st_and_ends_with_the_week_holding_the_last()
    {
        // December 2026 begins on a Tuesday and ends on a Thursday.
        var sunday = MonthCalendar.Weeks(2026, 12, DayOfWeek.Sunday);
        sunday.Count.ShouldBe(5);
        sunday[0][0].ShouldBe(new DateOnly(2026, 11, 29));
        sunday[^1][^1].ShouldBe(new DateOnly(2027, 1, 2));
        sunday.ShouldAllBe(w => w.Count == 7);

        var monday = MonthCalendar.Weeks(2026, 12, DayOfWeek.Monday);
        monday[0][0].ShouldBe(new DateOnly(2026, 11, 30));
        monday[^1][^1].ShouldBe(new DateOnly(2027, 1, 3));

        // February 2026 begins on a Sunday: four whole weeks.
        MonthCalendar.Weeks(2026, 2, DayOfWeek.Sunday).Count.ShouldBe(4);
    }

    [TestCase("2026-12", 2026, 12)]
    [TestCase("2000-01", 2000, 1)]
    public void A_month_reads_as_yyyy_MM(string text, int year, int month) =>
        MonthCalendar.Parse(text).ShouldBe(new DateOnly(year, month, 1));

    [TestCase(null)]
    [TestCase("")]
    [TestCase("2026-13")]
    [TestCase("12/2026")]
    [TestCase("1999-12")]
    [TestCase("2026-12-01")]
    public void Anything_else_is_no_month(string? text) => MonthCalendar.Parse(text).ShouldBeNull();
}
