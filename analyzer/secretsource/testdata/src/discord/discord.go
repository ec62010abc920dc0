package discord

import (
	"os"

	"github.com/bwmarrin/discordgo"
)

func bot() {
	discordgo.New("Bot " + "not-a-real-token") // want `hard-coded Discord bot token passed to discordgo.New`
	s, _ := discordgo.New("Bot " + os.Getenv("DISCORD_TOKEN"))
	s.WebhookExecute("123", "webhook-token", false, nil) // want `hard-coded Discord webhook token passed to Session.WebhookExecute`
}
