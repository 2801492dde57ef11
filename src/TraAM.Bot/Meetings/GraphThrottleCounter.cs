using System.Net;
using TraAM.Bot.Hosting;

namespace TraAM.Bot.Meetings;

/// <summary>
/// Innermost handler of the Graph client: sees each attempt, the SDK's retries included, so the count of 429/503 says
/// how often Graph pushed back, not only how often it won. Counts, never reads the body.
/// </summary>
internal sealed class GraphThrottleCounter : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
            BotMetrics.GraphThrottled.Add(1, new KeyValuePair<string, object?>("http.response.status_code", (int)response.StatusCode));
        return response;
    }
}
