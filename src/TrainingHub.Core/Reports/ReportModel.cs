using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;

namespace TrainingHub.Core.Reports;

/// <summary>The reports the application produces; each one is a table with the same shape on screen, in the API and in exports.</summary>
public enum ReportKind
{
    HoursByPerson,
    HoursByOrganization,
    HoursByMunicipality,
    HoursByProgramme,
    HoursByCourse,
    HoursByClass,
    HoursByMonth,
    HoursByQuarter,
    HoursByYear,
    Targets,
    TargetsByOrganization,
    AttendanceRate,
    Certificates,
    AttendanceRows,
    SurveyResponseRates,
    EvaluationScores,
    NeedsTopics,
    ParticipationOverTime,
    ParticipationByState,
}

/// <summary>How a cell is written: text, a whole number, hours (the cell holds minutes; shown and exported as hours), a percentage (0–100), a date or a number with decimals (an average).</summary>
public enum ColumnType
{
    Text,
    Integer,
    Hours,
    Percent,
    Date,
    Decimal,
}

/// <summary>A text cell that is a message key: the host writes it in the reader's language.</summary>
public sealed record MessageKey(string Key);

/// <summary>One line of a chart: its name is a message key the host translates; one value per label.</summary>
public sealed record ChartSeries(string Key, IReadOnlyList<double> Values);

/// <summary>A column: its header is a message key the host translates.</summary>
public sealed record ReportColumn(string Key, ColumnType Type);

/// <summary>
/// What a report covers. Dates are local (America/Sao_Paulo) and inclusive; without them the current year. The
/// organisation filter includes the organisations under it. <see cref="FullCpf"/> asks for unmasked CPFs: granted to
/// administrators only (see <see cref="ReportRequest.ShowsFullCpf"/>), and then only for the people in their scope
/// (<see cref="ReportRequest.ShowCpf"/>); every such export is audited.
/// </summary>
public sealed record ReportRequest(
    ReportKind Kind,
    DateOnly? From = null,
    DateOnly? To = null,
    int? ProgrammeId = null,
    int? OrganizationId = null,
    int? OfferingId = null,
    bool FullCpf = false,
    int Page = 1,
    int PageSize = 50)
{
    public bool ShowsFullCpf(ReaderScope scope) => FullCpf && scope is not null && scope.MaySeeFullCpf;

    /// <summary>A person's CPF in this report: masked unless full CPFs were asked for, then <see cref="ReaderScope.ShowCpf"/>'s rule.</summary>
    public string ShowCpf(ReaderScope scope, string cpf, string personOrganizationPath) =>
        ShowsFullCpf(scope) ? scope.ShowCpf(cpf, personOrganizationPath) : Cpf.Mask(cpf);

    public (DateOnly From, DateOnly To) Period(TimeProvider time)
    {
        var today = SaoPaulo.Today(time);
        var from = From ?? new DateOnly((To ?? today).Year, 1, 1);
        var to = To ?? new DateOnly(from.Year, 12, 31);
        return (from, to);
    }
}

/// <summary>
/// A report ready to show or export: its columns, how many rows it has, a way to read any slice of its rows (streamed
/// from the database for the large ones) and the totals row. Hours columns hold minutes.
/// </summary>
public sealed class ReportData
{
    public required ReportKind Kind { get; init; }
    public required IReadOnlyList<ReportColumn> Columns { get; init; }
    public required int RowCount { get; init; }

    /// <summary>Rows from <c>skip</c>, at most <c>take</c> (null: all of them).</summary>
    public required Func<int, int?, IAsyncEnumerable<object?[]>> Rows { get; init; }

    /// <summary>The totals line (same columns; null cells are blank), or null when totals mean nothing.</summary>
    public object?[]? Totals { get; init; }

    /// <summary>The filters as (message key, value) pairs, for the cover of exports and the PDF summary.</summary>
    public required IReadOnlyList<(string Key, string Value)> Filters { get; init; }

    /// <summary>Label and value pairs a chart draws (hours per month, attainment per organisation), or null.</summary>
    public IReadOnlyList<(string Label, double Value)>? Chart { get; init; }

    /// <summary>Several lines over <see cref="Chart"/>'s labels (a message key and a value per label), drawn instead of its single series, or null.</summary>
    public IReadOnlyList<ChartSeries>? ChartSeries { get; init; }

    public DateOnly From { get; init; }
    public DateOnly To { get; init; }
    public bool FullCpf { get; init; }

    public static IAsyncEnumerable<object?[]> Slice(IReadOnlyList<object?[]> rows, int skip, int? take) =>
        rows.Skip(skip).Take(take ?? int.MaxValue).ToAsyncEnumerable();
}
