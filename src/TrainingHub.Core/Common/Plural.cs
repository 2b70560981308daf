using Microsoft.Extensions.Localization;

namespace TrainingHub.Core.Common;

/// <summary>
/// Counted messages with real plural forms instead of "(s)": the message's own key holds the plural ("{0} people will
/// be notified"), "Key.One" the singular for exactly one, and optionally "Key.Zero" what is better said differently
/// for none ("Nobody will be notified"). English and Brazilian Portuguese both use the singular for one and only for
/// one. The count is argument {0}, further arguments follow it.
/// </summary>
public static class Plural
{
    public static LocalizedString Count(this IStringLocalizer text, string key, int count, params object[] more)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(more);
        object[] args = [count, .. more];
        var form = count switch
        {
            0 => text[key + ".Zero", args],
            1 => text[key + ".One", args],
            _ => null,
        };
        return form is { ResourceNotFound: false } ? form : text[key, args];
    }
}
