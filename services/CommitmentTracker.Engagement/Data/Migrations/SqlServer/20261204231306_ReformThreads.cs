using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommitmentTracker.Engagement.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ReformThreads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ThreadLinks",
                columns: table => new
                {
                    LinkId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CommitmentId = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    PredecessorId = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    MemberCode = table.Column<string>(type: "nvarchar(4)", maxLength: 4, nullable: false),
                    Linked = table.Column<bool>(type: "bit", nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ThreadLinks", x => x.LinkId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ThreadLinks_MemberCode",
                table: "ThreadLinks",
                column: "MemberCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ThreadLinks");
        }
    }
}
