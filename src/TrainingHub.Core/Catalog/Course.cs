namespace TrainingHub.Core.Catalog;

public enum Modality
{
    InPerson,
    Online,
    Hybrid,
    Immersion,
}

/// <summary>What is taught: syllabus, workload hours, modality and completion rule.</summary>
public class Course
{
    public int Id { get; set; }
    public int? ProgrammeId { get; set; }
    public Programme? Programme { get; set; }
    public required string Code { get; set; }
    public required string Title { get; set; }

    /// <summary>Conteúdo programático: printed on the certificate's second page.</summary>
    public string Syllabus { get; set; } = "";

    /// <summary>Carga horária, in minutes (stated in hours on certificates).</summary>
    public int WorkloadMinutes { get; set; }
    public Modality Modality { get; set; }

    /// <summary>Minimum attendance, as a percentage of the credited session hours (75 by default).</summary>
    public int MinAttendancePercent { get; set; } = 75;

    /// <summary>Where the course says so, a minimum of credited minutes as well.</summary>
    public int? RequiredMinutes { get; set; }

    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; }
}
