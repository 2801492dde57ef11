using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TraAM.Bot.Conversations;
using TraAM.Bot.Data;
using TraAM.Bot.Protocol.Connector;
using TraAM.Bot.Protocol.Schema;

namespace TraAM.Bot.Delivery;

/// <summary>Opens the personal chat of someone the bot has never written to (Teams gives the same chat each time).</summary>
internal sealed class PersonalChatCreator(IConnector connector, SendPacing pacing, IOptions<DeliveryOptions> options, TimeProvider clock)
{
    /// <summary>
    /// POST v3/conversations for a person the bot has never written to: the new chat, why it cannot be created, or
    /// when to try again (no rate slot now, Teams asked to wait or did not answer).
    /// </summary>
    public async Task<DeliveryTarget> CreateAsync(TraamDbContext db, DeliveryTarget.CreateChat c, int attempts, CancellationToken ct)
    {
        var (_, wait) = await pacing.TenantSlotAsync(db, c.TenantId, ct);
        if (wait > options.Value.MaxInlineWait) return new DeliveryTarget.Later(wait, "en attente d'un créneau Teams");
        await pacing.DelayAsync(wait, ct);
        try
        {
            var created = await connector.CreateConversationAsync(c.ServiceUrl, ConversationParameters.PersonalChat(c.BotId, c.Person.TeamsUserId!, c.TenantId), ct);
            if (created.Id is null) return new DeliveryTarget.None("Teams n'a pas créé la conversation", c.Person);
            var now = clock.GetUtcNow();
            var record = await db.Conversations.FirstOrDefaultAsync(x => x.ConversationId == created.Id, ct);
            if (record is null)
            {
                record = new ConversationRecord
                {
                    ConversationId = created.Id, ServiceUrl = created.ServiceUrl ?? c.ServiceUrl, ChannelId = "msteams",
                    ConversationType = ConversationTypes.Personal, BotId = c.BotId, InstalledAt = now,
                };
                db.Conversations.Add(record);
            }

            record.TenantId = c.TenantId;
            record.UserId = c.Person.TeamsUserId;
            record.UserAadObjectId = c.Person.EntraObjectId;
            record.IsActive = true;
            record.UninstalledAt = null;
            record.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            return new DeliveryTarget.Conversation(record, c.Person.PreferredLanguage, c.Person);
        }
        catch (ConnectorThrottledException t)
        {
            return new DeliveryTarget.Later(t.RetryAfter, $"Teams demande d'attendre ({(int)t.Status})");
        }
        catch (ConnectorException e) when (e.Status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
        {
            return new DeliveryTarget.None(DeliveryTargets.AppNotInstalled, c.Person, AppMissing: true);
        }
        catch (ConnectorException e) when (e is ConnectorOutcomeUnknownException || e.Status == 0 || (int)e.Status >= 500)
        {
            // Teams gives the same 1:1 chat for the same person: asking again cannot create a second one.
            return new DeliveryTarget.Later(RetryPolicy.Backoff(attempts, Random.Shared.NextDouble), "Teams injoignable pour créer la conversation");
        }
        catch (ConnectorException e)
        {
            return new DeliveryTarget.None($"Teams refuse de créer la conversation ({(int)e.Status} {e.Code})", c.Person);
        }
    }
}
