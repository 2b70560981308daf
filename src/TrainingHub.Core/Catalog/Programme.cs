using TrainingHub.Core.Organizations;
using TrainingHub.Core.People;

namespace TrainingHub.Core.Catalog;

public enum TargetPeriod
{
    Year,
    Semester,
    Quarter,
    Month,
}

/// <summary>A named initiative grouping courses, classes and webinar series, with an hour target per participant and period.</summary>
public class Programme
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }

    /// <summary>The organisation that runs (and certifies) the programme.</summary>
    public int OwnerOrganizationId { get; set; }
    public Organization? OwnerOrganization { get; set; }

    /// <summary>Minutes each participant should attend per <see cref="TargetPeriod"/> (48 h = 2880); null when the programme sets no target.
    /// Durations are whole minutes everywhere, so sums are exact on every database.</summary>
    public int? TargetMinutes { get; set; }
    public TargetPeriod TargetPeriod { get; set; } = TargetPeriod.Year;

    public DateOnly? StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; }

    public List<ProgrammeMember> Members { get; set; } = [];
}

/// <summary>A person taking part in a programme (used for "members of a programme" eligibility and target tracking).</summary>
public class ProgrammeMember
{
    public int ProgrammeId { get; set; }
    public Programme? Programme { get; set; }
    public int PersonId { get; set; }
    public Person? Person { get; set; }
    public DateTime JoinedAt { get; set; }
}
