using System.Globalization;
using Microsoft.AspNetCore.Mvc.Razor;
using TrainingHub.Core.Common;

namespace TrainingHub.Core.Notifications;

/// <summary>
/// The base of every email template: the subject it sets and the formats emails use (dates dd/MM/yyyy and times in
/// São Paulo, hours and months in the reader's language, which is the current culture while rendering).
/// </summary>
public abstract class EmailView<TModel> : RazorPage<TModel>
{
    /// <summary>The subject line (also the HTML title); every template sets it.</summary>
    public string Subject
    {
        get => ViewData[EmailViewData.Subject] as string ?? "";
        set => ViewData[EmailViewData.Subject] = value;
    }

    /// <summary>An absolute link to a path of the application ("/evaluations/class/12"), or null while App:PublicUrl is unknown.</summary>
    public string? AppUrl(string path) =>
        ViewData[EmailViewData.PublicUrl] is string { Length: > 0 } url ? url.TrimEnd('/') + path : null;

    public static string FormatDate(DateOnly date) => SaoPaulo.FormatDate(date);

    public static string FormatDate(DateTime utc) => SaoPaulo.FormatDate(utc);

    /// <summary>dd/MM/yyyy HH:mm, Brasília time.</summary>
    public static string FormatDateTime(DateTime utc) => SaoPaulo.FormatDateTime(utc);

    /// <summary>HH:mm, Brasília time.</summary>
    public static string FormatTime(DateTime utc) => SaoPaulo.ToLocal(utc).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// Minutes as hours with at most one decimal, in the reader's language ("7,5 h", "7.5 h"). The one formatter for
    /// hours (issue #11) replaces this when it lands.
    /// </summary>
    public static string FormatHours(int minutes) => Common.Hours.Format(minutes);

    /// <summary>"março 2026", "March 2026".</summary>
    public static string FormatMonth(int year, int month) =>
        new DateTime(year, Math.Clamp(month, 1, 12), 1, 0, 0, 0, DateTimeKind.Unspecified).ToString("MMMM yyyy", CultureInfo.CurrentCulture);
}
