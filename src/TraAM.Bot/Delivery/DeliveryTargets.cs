using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Conversations;
using TraAM.Bot.Data;
using TraAM.Bot.People;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Protocol.Schema;

namespace TraAM.Bot.Delivery;

/// <summary>Where and in which language a notification goes, or why it cannot.</summary>
internal abstract record DeliveryTarget
{
    /// <summary>An existing conversation the bot can write to.</summary>
    public sealed record Conversation(ConversationRecord Record, string Language, Person? Person) : DeliveryTarget;

    /// <summary>The person has no personal chat with the bot yet, but Teams knows them: one can be created.</summary>
    public sealed record CreateChat(Person Person, string ServiceUrl, string TenantId, string BotId) : DeliveryTarget;

    /// <summary>Not now: Teams asked to wait, did not answer, or no rate slot is free; try again after <see cref="After"/>.</summary>
    public sealed record Later(TimeSpan After, string Reason) : DeliveryTarget;

    /// <summary>Impossible for now; <see cref="AppMissing"/> when the person must install the app.</summary>
    public sealed record None(string Reason, Person? Person, bool AppMissing = false) : DeliveryTarget;
}

/// <summary>Finds the conversation of a notification's recipient.</summary>
internal static class DeliveryTargets
{
    public const string AppNotInstalled = "application non installée";

    public static async Task<DeliveryTarget> ResolveAsync(TraamDbContext db, Notification n, CancellationToken ct)
    {
        if (n.WorkGroupId is { } groupId) return await GroupAsync(db, groupId, ct);

        var person = await db.People.FirstOrDefaultAsync(p => p.Id == n.PersonId, ct);
        if (person is null) return new DeliveryTarget.None("personne supprimée de l'annuaire", null);
        if (!person.IsReachable) return new DeliveryTarget.None($"injoignable : {person.UnreachableReason}", person);

        var chat = await PersonalChatAsync(db, person, ct);
        if (chat is not null) return new DeliveryTarget.Conversation(chat, person.PreferredLanguage, person);
        if (person.TeamsUserId is null) return new DeliveryTarget.None(AppNotInstalled, person, AppMissing: true);

        // Any conversation of the bot (preferably a live one) tells the tenant, the serviceUrl and its own id.
        var anchor = await db.Conversations.AsNoTracking()
            .Where(c => c.TenantId != null)
            .OrderByDescending(c => c.IsActive).ThenByDescending(c => c.UpdatedAt)
            .FirstOrDefaultAsync(ct);
        return anchor is null
            ? new DeliveryTarget.None(AppNotInstalled, person, AppMissing: true)
            : new DeliveryTarget.CreateChat(person, anchor.ServiceUrl, anchor.TenantId!, anchor.BotId);
    }

    public static Task<ConversationRecord?> PersonalChatAsync(TraamDbContext db, Person person, CancellationToken ct) =>
        db.Conversations
            .Where(c => c.IsActive && c.ConversationType == ConversationTypes.Personal
                && ((person.EntraObjectId != null && c.UserAadObjectId == person.EntraObjectId)
                    || (person.TeamsUserId != null && c.UserId == person.TeamsUserId)))
            .OrderByDescending(c => c.UpdatedAt)
            .FirstOrDefaultAsync(ct);

    /// <summary>The linked channel of the first group of the person that has one (their team's, else their theme's).</summary>
    public static async Task<WorkGroup?> LinkedGroupOfAsync(TraamDbContext db, Person person, CancellationToken ct)
    {
        var roles = await db.RoleAssignments.AsNoTracking().Where(r => r.PersonId == person.Id).ToListAsync(ct);
        var groups = await GroupMembership.GroupsOfAsync(db, roles, ct);
        return groups.Select(g => g.Group).FirstOrDefault(g => g.ConversationRecordId is not null);
    }

    private static async Task<DeliveryTarget> GroupAsync(TraamDbContext db, long groupId, CancellationToken ct)
    {
        var record = await (
            from g in db.WorkGroups
            join c in db.Conversations on g.ConversationRecordId equals c.Id
            where g.Id == groupId
            select c).FirstOrDefaultAsync(ct);
        return record switch
        {
            null => new DeliveryTarget.None("aucun canal lié à ce groupe", null),
            { IsActive: false } => new DeliveryTarget.None("l'application a été retirée du canal du groupe", null),
            _ => new DeliveryTarget.Conversation(record, Languages.French, null), // a channel is read by everyone: French first
        };
    }
}
