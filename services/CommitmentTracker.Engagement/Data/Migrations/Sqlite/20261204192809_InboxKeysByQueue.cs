using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommitmentTracker.Engagement.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InboxKeysByQueue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Inbox keys were consumer class names; they are the consumers' queue names now, so a message handled
            // before the upgrade and redelivered after it is still recognised.
            migrationBuilder.Sql("UPDATE InboxMessages SET Consumer = 'engagement-action-plan-events' WHERE Consumer = 'CommitmentTracker.Engagement.Consumers.TrackMemberActionPlansConsumer';");
            migrationBuilder.Sql("UPDATE InboxMessages SET Consumer = 'engagement-commitment-events' WHERE Consumer = 'CommitmentTracker.Engagement.Consumers.TrackCommitmentsConsumer';");
            migrationBuilder.Sql("UPDATE InboxMessages SET Consumer = 'engagement-tag-events' WHERE Consumer = 'CommitmentTracker.Engagement.Consumers.TrackConfirmedTagsConsumer';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE InboxMessages SET Consumer = 'CommitmentTracker.Engagement.Consumers.TrackMemberActionPlansConsumer' WHERE Consumer = 'engagement-action-plan-events';");
            migrationBuilder.Sql("UPDATE InboxMessages SET Consumer = 'CommitmentTracker.Engagement.Consumers.TrackCommitmentsConsumer' WHERE Consumer = 'engagement-commitment-events';");
            migrationBuilder.Sql("UPDATE InboxMessages SET Consumer = 'CommitmentTracker.Engagement.Consumers.TrackConfirmedTagsConsumer' WHERE Consumer = 'engagement-tag-events';");
        }
    }
}
