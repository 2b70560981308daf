using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;
using TrainingHub.Core.Imports;

namespace TrainingHub.Core.Attendance;

/// <summary>A person found in the report: the lines that named them, their merged minutes and the status these give.</summary>
public sealed record MeetingImportMatch(int PersonId, string FullName, IReadOnlyList<int> Lines, int Minutes, AttendanceStatus Status,
    AttendanceStatus? CurrentStatus, int? CurrentMinutes)
{
    public bool Changes => CurrentStatus != Status || CurrentMinutes != (Status == AttendanceStatus.Partial ? Minutes : null);
}

/// <summary>A line that names nobody enrolled (or more than one person): skipped, with why.</summary>
public sealed record MeetingImportIssue(int Line, string Name, string Email, string Code, object[] Args);

/// <summary>What importing a meeting report into a session does (preview) or did (commit).</summary>
public sealed record MeetingImportReport(
    int SessionId, string Session, string Offering, DateTime StartsAt, DateTime EndsAt, int SessionMinutes, bool SessionClosed,
    string Format, int Rows, IReadOnlyList<MeetingImportMatch> Matched, IReadOnlyList<MeetingImportIssue> Unmatched,
    IReadOnlyList<MeetingImportIssue> Ambiguous, IReadOnlyList<ImportRowError> Errors)
{
    /// <summary>Commit is possible when no line is malformed (unmatched and ambiguous lines are skipped).</summary>
    public bool CanCommit => Errors.Count == 0 && Matched.Count > 0;

    public bool Committed { get; init; }
    public int Added { get; init; }
    public int Changed { get; init; }
    public int Unchanged { get; init; }
}

/// <summary>
/// Turns a parsed report into attendance for one session: people matched among the session's seated people by CPF or
/// e-mail (case-insensitive); each person's intervals clipped to the session's start and end, overlaps merged, minutes
/// summed (whole minutes, at most the session's credited minutes). Minutes reaching the credited duration give
/// Present; fewer give Partial with the minutes; none (joined outside the session) give Absent. People enrolled but
/// absent from the report are left as they are.
/// </summary>
internal static class MeetingImportPlan
{
    public static async Task<Result<MeetingImportReport>> BuildAsync(TrainingHubDbContext db, ReaderScope scope, int sessionId, MeetingReport report, CancellationToken ct)
    {
        if (!await RosterAccess.MayRecordAsync(db, scope, sessionId, ct))
        {
            return Error.NotFound("SessionId", "Attendance.SessionNotFound");
        }

        var s = await db.Sessions.AsNoTracking().Where(x => x.Id == sessionId)
            .Select(x => new { x.Id, x.Title, x.OfferingId, Offering = x.Offering!.Title, x.StartsAt, x.EndsAt, x.CreditedMinutes, x.Status }).SingleAsync(ct);
        if (s.Status == SessionStatus.Cancelled)
        {
            return Error.Conflict("SessionId", "Attendance.SessionCancelled");
        }

        var seated = EnrolmentStatuses.Seated;
        var people = await db.Enrolments.AsNoTracking().Where(e => e.OfferingId == s.OfferingId && seated.Contains(e.Status))
            .Select(e => new { e.PersonId, e.Person!.FullName, e.Person.Email, e.Person.Cpf }).ToListAsync(ct);
        var byCpf = people.ToDictionary(p => p.Cpf, p => p.PersonId, StringComparer.Ordinal);
        var byEmail = people.ToLookup(p => p.Email.Trim().ToUpperInvariant(), p => p.PersonId);
        var names = people.ToDictionary(p => p.PersonId, p => p.FullName);
        var current = await db.AttendanceRecords.AsNoTracking().Where(a => a.SessionId == sessionId)
            .ToDictionaryAsync(a => a.PersonId, a => new { a.Status, a.Minutes }, ct);

        var errors = new List<ImportRowError>();
        var unmatched = new List<MeetingImportIssue>();
        var ambiguous = new List<MeetingImportIssue>();
        var intervals = new Dictionary<int, List<(DateTime From, DateTime To, int Line)>>();
        string Col(string role) => report.Columns.TryGetValue(role, out var h) ? h : role;

        foreach (var row in report.Rows)
        {
            var before = errors.Count;
            var join = ParseMeetingReport.ParseTime(row.Join);
            var leave = ParseMeetingReport.ParseTime(row.Leave);
            if (join is null)
            {
                errors.Add(new(row.Line, Col("join"), row.Join.Length == 0 ? "MeetingImport.TimeRequired" : "MeetingImport.BadTime", [row.Join]));
            }

            if (leave is null)
            {
                errors.Add(new(row.Line, Col("leave"), row.Leave.Length == 0 ? "MeetingImport.TimeRequired" : "MeetingImport.BadTime", [row.Leave]));
            }
            else if (join is not null && leave < join)
            {
                errors.Add(new(row.Line, Col("leave"), "MeetingImport.LeaveBeforeJoin", [row.Leave, row.Join]));
            }

            var cpf = row.Cpf.Length > 0 ? Cpf.Normalize(row.Cpf) : null;
            if (row.Cpf.Length > 0 && (cpf is null || !Cpf.IsValid(cpf)))
            {
                errors.Add(new(row.Line, Col("cpf"), "MeetingImport.BadCpf", [row.Cpf]));
                cpf = null;
            }

            if (errors.Count > before)
            {
                continue;
            }

            var email = row.Email.Trim().ToUpperInvariant();
            var byMail = email.Length > 0 ? byEmail[email].Distinct().ToList() : [];
            int? personId = null;
            if (cpf is not null && byCpf.TryGetValue(cpf, out var cpfPerson))
            {
                if (byMail.Count > 0 && !byMail.Contains(cpfPerson))
                {
                    ambiguous.Add(new(row.Line, row.Name, row.Email, "MeetingImport.CpfEmailDisagree", [names[cpfPerson], names[byMail[0]]]));
                    continue;
                }

                personId = cpfPerson;
            }
            else if (byMail.Count == 1)
            {
                personId = byMail[0];
            }
            else if (byMail.Count > 1)
            {
                ambiguous.Add(new(row.Line, row.Name, row.Email, "MeetingImport.SharedEmail", [string.Join(", ", byMail.Select(id => names[id]))]));
                continue;
            }

            if (personId is not { } id)
            {
                unmatched.Add(new(row.Line, row.Name, row.Email, email.Length == 0 && cpf is null ? "MeetingImport.NoIdentity" : "MeetingImport.NotEnrolled", []));
                continue;
            }

            if (!intervals.TryGetValue(id, out var list))
            {
                intervals[id] = list = [];
            }

            list.Add((join!.Value, leave!.Value, row.Line));
        }

        var matched = intervals.Select(kv =>
        {
            var minutes = Math.Min(MergedMinutes(kv.Value.Select(i => (i.From, i.To)), s.StartsAt, s.EndsAt), s.CreditedMinutes);
            var status = minutes >= s.CreditedMinutes ? AttendanceStatus.Present : minutes > 0 ? AttendanceStatus.Partial : AttendanceStatus.Absent;
            var now = current.GetValueOrDefault(kv.Key);
            return new MeetingImportMatch(kv.Key, names[kv.Key], kv.Value.Select(i => i.Line).Order().ToList(), minutes, status, now?.Status, now?.Minutes);
        }).OrderBy(m => m.Lines[0]).ToList();

        return Result<MeetingImportReport>.Ok(new MeetingImportReport(s.Id, s.Title, s.Offering, s.StartsAt, s.EndsAt, s.CreditedMinutes, s.Status == SessionStatus.Closed,
            report.Format, report.Rows.Count, matched, unmatched, ambiguous, errors));
    }

    /// <summary>Whole minutes covered by the intervals inside [start, end], overlaps counted once.</summary>
    public static int MergedMinutes(IEnumerable<(DateTime From, DateTime To)> intervals, DateTime start, DateTime end)
    {
        var clipped = intervals.Select(i => (From: i.From < start ? start : i.From, To: i.To > end ? end : i.To))
            .Where(i => i.To > i.From).OrderBy(i => i.From).ToList();
        var total = TimeSpan.Zero;
        DateTime? from = null, to = null;
        foreach (var (f, t) in clipped)
        {
            if (to is { } current && f <= current)
            {
                if (t > current)
                {
                    to = t;
                }

                continue;
            }

            if (from is { } a && to is { } b)
            {
                total += b - a;
            }

            (from, to) = (f, t);
        }

        if (from is { } x && to is { } y)
        {
            total += y - x;
        }

        return (int)Math.Floor(total.TotalMinutes);
    }
}
