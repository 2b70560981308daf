using TrainingHub.Core.Catalog;
using TrainingHub.Core.Enrolment;
using TrainingHub.Core.Organizations;

namespace TrainingHub.UnitTests.Enrolment;

/// <summary>Who may enrol: everyone, organisation kinds, listed organisations and those under them, or programme members.</summary>
public class EligibilityTests
{
    // Organisation 9 sits under 5, which sits under 1.
    private static readonly EligibilityCheck.PersonFacts CityHallClerk = new(PersonId: 7, OrganizationId: 9, OrganizationKind.CityHall, "/1/5/9/");

    private static CourseClass Offering(Eligibility eligibility, params EligibilityRule[] rules) =>
        new() { Code = "C", Title = "T", Eligibility = eligibility, EligibilityRules = [.. rules], ProgrammeId = 3 };

    [Test]
    public void Everyone_may_enrol_in_an_open_offering() =>
        EligibilityCheck.WhyNot(Offering(Eligibility.Everyone), CityHallClerk, isProgrammeMember: false).ShouldBeNull();

    [Test]
    public void Organisation_kinds_admit_only_the_listed_kinds()
    {
        EligibilityCheck.WhyNot(Offering(Eligibility.OrganizationKinds, new EligibilityRule { OrganizationKind = OrganizationKind.CityHall }), CityHallClerk, false).ShouldBeNull();
        EligibilityCheck.WhyNot(Offering(Eligibility.OrganizationKinds, new EligibilityRule { OrganizationKind = OrganizationKind.StateAgency }), CityHallClerk, false)
            .ShouldBe("Enrol.NotEligibleKind");
    }

    [TestCase(9, ExpectedResult = null, TestName = "The person's own organisation is listed")]
    [TestCase(5, ExpectedResult = null, TestName = "An organisation above the person's is listed")]
    [TestCase(1, ExpectedResult = null, TestName = "The root above the person's is listed")]
    [TestCase(95, ExpectedResult = "Enrol.NotEligibleOrganization", TestName = "An organisation whose id merely starts like one on the path is not")]
    [TestCase(2, ExpectedResult = "Enrol.NotEligibleOrganization", TestName = "An unrelated organisation is not")]
    public string? Listed_organisations_admit_their_people_and_those_of_organisations_under_them(int listed) =>
        EligibilityCheck.WhyNot(Offering(Eligibility.Organizations, new EligibilityRule { OrganizationId = listed }), CityHallClerk, false);

    [Test]
    public void A_seat_quota_alone_does_not_list_a_kind() =>
        EligibilityCheck.WhyNot(Offering(Eligibility.OrganizationKinds, new EligibilityRule { OrganizationId = 9, SeatQuota = 3 }), CityHallClerk, false)
            .ShouldBe("Enrol.NotEligibleKind");

    [Test]
    public void Programme_members_only_admits_members()
    {
        EligibilityCheck.WhyNot(Offering(Eligibility.ProgrammeMembers), CityHallClerk, isProgrammeMember: true).ShouldBeNull();
        EligibilityCheck.WhyNot(Offering(Eligibility.ProgrammeMembers), CityHallClerk, isProgrammeMember: false).ShouldBe("Enrol.NotProgrammeMember");
    }

    [Test]
    public void Membership_does_not_open_an_offering_restricted_otherwise() =>
        EligibilityCheck.WhyNot(Offering(Eligibility.Organizations, new EligibilityRule { OrganizationId = 2 }), CityHallClerk, isProgrammeMember: true)
            .ShouldBe("Enrol.NotEligibleOrganization");

    [Test]
    public void The_rule_is_one_expression_that_databases_run_too()
    {
        // The same expression the catalogue and the announcements send to the database decides one person's case in memory.
        var rule = EligibilityCheck.Rule.Compile();
        var offering = Offering(Eligibility.Organizations, new EligibilityRule { OrganizationId = 5 });
        rule(offering, OrganizationKind.CityHall, "/1/5/9/", false).ShouldBeTrue();
        rule(offering, OrganizationKind.CityHall, "/1/6/", false).ShouldBeFalse();
    }
}
