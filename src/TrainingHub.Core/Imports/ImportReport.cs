namespace TrainingHub.Core.Imports;

/// <summary>A problem with one cell (or a whole line, when <see cref="Column"/> is empty): the line as the editor shows it.</summary>
public sealed record ImportRowError(int Line, string Column, string Code, object[] Args);

/// <summary>
/// What an import does (preview) or did (commit). Counts cover the rows without errors; <see cref="Committed"/> is
/// true only when everything was written.
/// </summary>
public sealed record ImportReport
{
    public required string Format { get; init; }
    public char? Separator { get; init; }
    public IReadOnlyList<string> Columns { get; init; } = [];
    public IReadOnlyList<string> IgnoredColumns { get; init; } = [];
    public int Rows { get; init; }
    public int NewPeople { get; init; }
    public int UpdatedPeople { get; init; }
    public int UnchangedPeople { get; init; }
    public int EnrolmentsToCreate { get; init; }
    public int AlreadyEnrolled { get; init; }
    public IReadOnlyList<ImportRowError> Errors { get; init; } = [];

    /// <summary>Rows with at least one error.</summary>
    public int RowsWithErrors => Errors.Select(e => e.Line).Distinct().Count();

    public bool Committed { get; init; }

    /// <summary>Once committed: the id of every person the file's rows name (new, changed or unchanged).</summary>
    public IReadOnlyList<int> PersonIds { get; init; } = [];
    public int Confirmed { get; init; }
    public int Waitlisted { get; init; }
    public int AwaitingApproval { get; init; }

    /// <summary>When the administrator asked to invite the file's people: how many invitations were queued and who was skipped.</summary>
    public Accounts.InvitationReport? Invitations { get; init; }

    /// <summary>
    /// When inviting was refused (the import itself stands): why, as a line-less row error. The run ends there, "imported,
    /// invitations failed"; the people are invited afterwards from their pages or the invitations API.
    /// </summary>
    public ImportRowError? InvitationsRefused { get; init; }

    /// <summary>How long the commit's write transaction was open (what other writers could have waited on); null when nothing was written.</summary>
    public TimeSpan? WriteTime { get; init; }
}
