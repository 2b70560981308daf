using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace TrainingHub.Web.Infrastructure;

/// <summary>What the pager partial needs: where we are, and how to link to another page keeping the filters.</summary>
public sealed record PagerModel(int PageNumber, int TotalPages, int TotalCount, string Path, IReadOnlyDictionary<string, string?> Query)
{
    public static PagerModel From<T>(TrainingHub.Core.Common.Page<T> page, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(request);
        return new(page.PageNumber, page.TotalPages, page.TotalCount, request.Path, request.Query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString()));
    }

    public string UrlFor(int page)
    {
        var q = new QueryBuilder(Query.Where(kv => kv.Key != "page" && !string.IsNullOrEmpty(kv.Value)).Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value!)))
        {
            { "page", page.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
        return Path + q.ToQueryString();
    }
}
