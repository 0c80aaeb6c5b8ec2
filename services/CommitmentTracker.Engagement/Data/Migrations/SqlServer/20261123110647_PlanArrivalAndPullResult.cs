using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommitmentTracker.Engagement.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class PlanArrivalAndPullResult : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LastResult",
                table: "RegistryPulls",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: true);

            // Plans known before this column get the minimum date: their grace period for tagging has long ended.
            migrationBuilder.AddColumn<DateTime>(
                name: "FirstSeenAt",
                table: "MemberActionPlans",
                type: "datetime2",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LastResult",
                table: "RegistryPulls");

            migrationBuilder.DropColumn(
                name: "FirstSeenAt",
                table: "MemberActionPlans");
        }
    }
}
