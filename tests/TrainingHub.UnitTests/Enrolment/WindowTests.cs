using TrainingHub.Core.Catalog;
using TrainingHub.Core.Enrolment;

namespace TrainingHub.UnitTests.Enrolment;

public class WindowTests
{
    private static readonly DateTime Now = new(2026, 11, 21, 15, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = new(2026, 11, 21);

    private static CourseClass Class(Action<CourseClass>? change = null)
    {
        var c = new CourseClass { Code = "C", Title = "T", Status = OfferingStatus.Published, StartsOn = Today.AddDays(10), EndsOn = Today.AddDays(40) };
        change?.Invoke(c);
        return c;
    }

    [Test]
    public void A_published_class_with_no_window_takes_enrolments() => EnrolInOffering.WhyClosed(Class(), Now, Today).ShouldBeNull();

    [TestCase(OfferingStatus.Draft)]
    [TestCase(OfferingStatus.Closed)]
    [TestCase(OfferingStatus.Cancelled)]
    public void Only_published_offerings_take_enrolments(OfferingStatus status) =>
        EnrolInOffering.WhyClosed(Class(c => c.Status = status), Now, Today).ShouldBe("Enrol.NotOpen");

    [Test]
    public void Before_the_window_opens_the_reason_says_so() =>
        EnrolInOffering.WhyClosed(Class(c => c.EnrolmentOpensAt = Now.AddMinutes(1)), Now, Today).ShouldBe("Enrol.WindowNotOpen");

    [Test]
    public void The_window_closes_at_its_closing_instant() =>
        EnrolInOffering.WhyClosed(Class(c => c.EnrolmentClosesAt = Now), Now, Today).ShouldBe("Enrol.WindowClosed");

    [Test]
    public void A_finished_offering_takes_no_one() =>
        EnrolInOffering.WhyClosed(Class(c => { c.StartsOn = Today.AddDays(-30); c.EndsOn = Today.AddDays(-1); }), Now, Today).ShouldBe("Enrol.Ended");
}
