using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Reports;

/// <summary>Builds any report for a reader: administrators and auditors, limited to their scope.</summary>
public static class BuildReport
{
    public static async Task<Result<ReportData>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, ReportRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(request);
        if (!scope.IsAdministrator && !scope.IsAuditor)
        {
            return Error.Forbidden("Kind", "Report.NotAllowed");
        }

        var (earliest, latest) = (ReportPeriod.Earliest, ReportPeriod.Latest(time));
        var outside = new List<FieldError>();
        if (request.From is { } askedFrom && (askedFrom < earliest || askedFrom > latest))
        {
            outside.Add(new FieldError("From", "Report.FromOutsideWindow", earliest, latest));
        }

        if (request.To is { } askedTo && (askedTo < earliest || askedTo > latest))
        {
            outside.Add(new FieldError("To", "Report.ToOutsideWindow", earliest, latest));
        }

        if (outside.Count > 0)
        {
            return Error.Validation(outside);
        }

        var (from, to) = request.Period(time);
        if (to < from)
        {
            return Error.Validation("To", "Report.PeriodInverted");
        }

        if (to >= from.AddYears(ReportPeriod.MaxYears))
        {
            return Error.Validation("To", "Report.PeriodTooLong", ReportPeriod.MaxYears);
        }

        return request.Kind switch
        {
            ReportKind.Targets or ReportKind.TargetsByOrganization => await TargetReport.HandleAsync(db, scope, time, request, ct),
            ReportKind.AttendanceRate => Result<ReportData>.Ok(await AttendanceRateReport.HandleAsync(db, scope, time, request, ct)),
            ReportKind.Certificates => Result<ReportData>.Ok(await CertificateReport.HandleAsync(db, scope, time, request, ct)),
            ReportKind.AttendanceRows => Result<ReportData>.Ok(await AttendanceRowsReport.HandleAsync(db, scope, time, request, ct)),
            ReportKind.SurveyResponseRates => Result<ReportData>.Ok(await SurveyResponseRatesReport.HandleAsync(db, scope, time, request, ct)),
            ReportKind.EvaluationScores => Result<ReportData>.Ok(await EvaluationScoreReport.HandleAsync(db, scope, time, request, ct)),
            ReportKind.ParticipationOverTime or ReportKind.ParticipationByState => Result<ReportData>.Ok(await ParticipationReport.HandleAsync(db, scope, time, request, ct)),
            ReportKind.NeedsTopics => Result<ReportData>.Ok(await NeedsTopicsReport.HandleAsync(db, scope, time, request, ct)),
            _ => Result<ReportData>.Ok(await HoursReport.HandleAsync(db, scope, time, request, ct)),
        };
    }
}

/// <summary>
/// The dates a report may cover: from 1 January 2000 to 31 December five years after the current one (local dates),
/// and at most ten years at once. Dates outside are refused naming the field, so no query ever meets year 1 or 9999.
/// </summary>
public static class ReportPeriod
{
    public const int YearsAhead = 5;
    public const int MaxYears = 10;

    public static DateOnly Earliest { get; } = new(2000, 1, 1);

    public static DateOnly Latest(TimeProvider time) => new(SaoPaulo.Today(time).Year + YearsAhead, 12, 31);
}
