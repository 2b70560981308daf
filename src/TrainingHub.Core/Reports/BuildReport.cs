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

        var (from, to) = request.Period(time);
        if (to < from)
        {
            return Error.Validation("To", "Report.PeriodInverted");
        }

        return request.Kind switch
        {
            ReportKind.Targets or ReportKind.TargetsByOrganization => await TargetReport.HandleAsync(db, scope, time, request, ct),
            ReportKind.AttendanceRate => Result<ReportData>.Ok(await AttendanceRateReport.HandleAsync(db, scope, time, request, ct)),
            ReportKind.Certificates => Result<ReportData>.Ok(await CertificateReport.HandleAsync(db, scope, time, request, ct)),
            ReportKind.AttendanceRows => Result<ReportData>.Ok(await AttendanceRowsReport.HandleAsync(db, scope, time, request, ct)),
            ReportKind.SurveyResponseRates => Result<ReportData>.Ok(await SurveyResponseRatesReport.HandleAsync(db, scope, time, request, ct)),
            ReportKind.EvaluationScores => Result<ReportData>.Ok(await EvaluationScoreReport.HandleAsync(db, scope, time, request, ct)),
            ReportKind.NeedsTopics => Result<ReportData>.Ok(await NeedsTopicsReport.HandleAsync(db, scope, time, request, ct)),
            _ => Result<ReportData>.Ok(await HoursReport.HandleAsync(db, scope, time, request, ct)),
        };
    }
}
