namespace TrainingHub.Core.Imports;

public enum ImportRunStatus
{
    Queued,
    Running,
    Writing,
    Succeeded,
    Failed,
}

/// <summary>
/// An import committed in the background (<see cref="StartImport"/>, then <see cref="RunImport"/> in a job): the file,
/// who started it and the organisation scope they had, how far it got and its report. The file lives here, not on one
/// instance's disk, so any instance's worker can run it and a retry reads the same bytes. The run is marked
/// <see cref="ImportRunStatus.Succeeded"/> in the import's own write transaction, so a retried or duplicated job finds
/// it done and writes nothing again.
/// </summary>
public class ImportRun
{
    public Guid Id { get; set; }
    public required string FileName { get; set; }
    public required byte[] Content { get; set; }
    public required string UserId { get; set; }

    /// <summary>The importer as the audit trail names them: the job's audit entries are theirs, not the system's.</summary>
    public required string UserName { get; set; }

    /// <summary>The importer's organisation scope (null: the whole installation); the run is seen only inside it.</summary>
    public int? OrganizationId { get; set; }
    public string? OrganizationPath { get; set; }

    public ImportRunStatus Status { get; set; }
    public int RowsTotal { get; set; }

    /// <summary>Rows checked so far (all of them once the writing starts).</summary>
    public int RowsDone { get; set; }

    /// <summary>The report (counts and row errors, untranslated) once finished.</summary>
    public string? ReportJson { get; set; }

    /// <summary>Set when the administrator asked to invite the file's people: the public address their links start with.</summary>
    public string? InviteBaseUrl { get; set; }

    /// <summary>Why a run failed without row errors (the exception's message after the last attempt).</summary>
    public string? Error { get; set; }

    public int Attempts { get; set; }

    /// <summary>Set by the worker running it at every step; a run whose heartbeat is older than a few minutes was abandoned (a killed process) and may be taken over.</summary>
    public DateTime? HeartbeatAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
}
