import type { LanguageCopy } from './build-default-template';

export const en: LanguageCopy = {
  footer: "You're receiving this e-mail because you're a member of the %shop_name% loyalty programme.",
  events: {
    points_credited: {
      subject: "You've earned %points% points at %shop_name%",
      heading: "You've earned %points% points!",
      paragraphs: [
        'Hi %first_name%,',
        "Thanks for visiting %shop_name%. We've added %points% points to your balance, which is now %balance% points.",
      ],
      button: 'View your points',
      sms: "%shop_name%: you've earned %points% points! Your balance is now %balance% points. %portal_url%",
    },
    balance_adjusted: {
      subject: 'Your points balance at %shop_name% has been updated',
      heading: 'Your points balance has changed',
      paragraphs: [
        'Hi %first_name%,',
        "We've changed your points balance by %points% points.",
        'Reason: %description%',
        'Your new balance is %balance% points.',
      ],
      button: 'View your points',
      sms: '%shop_name%: your points balance has changed by %points% (%description%). New balance: %balance% points.',
    },
    gift_card_issued: {
      subject: 'Your gift card from %shop_name%',
      heading: "Here's your gift card",
      paragraphs: [
        'Hi %first_name%,',
        "You've swapped %points% points for a %gift_card_value% gift card. Here's your code:",
      ],
      highlight: '%gift_card_code%',
      closing: [
        'Enter it at checkout, or give it to someone as a present. Your remaining balance is %balance% points.',
      ],
      button: 'View your account',
      sms: '%shop_name%: your %gift_card_value% gift card is ready. You can find the code in your account: %portal_url%',
    },
    reward_failed: {
      subject: "We couldn't create your gift card, so your points are back",
      heading: 'Your points are back',
      paragraphs: [
        'Hi %first_name%,',
        "Sorry, something went wrong while we were creating your %gift_card_value% gift card. We've returned the %points% points to your balance, so you haven't lost anything. Your balance is %balance% points.",
        "Please try again in a little while. If it still doesn't work, just get in touch with us.",
      ],
      button: 'View your points',
      sms: "%shop_name%: sorry, we couldn't create your %gift_card_value% gift card. Your %points% points are back in your balance (%balance% points). Please try again later.",
    },
    points_expiring: {
      subject: '%points% of your points expire on %expiry_date%',
      heading: 'Your points expire soon',
      paragraphs: [
        'Hi %first_name%,',
        "%points% of your points at %shop_name% will expire on %expiry_date%. Book a visit or swap them for a gift card before then so they don't go to waste.",
        'Your current balance is %balance% points.',
      ],
      button: 'Use your points',
      sms: '%shop_name%: %points% of your points expire on %expiry_date%. Use them in time: %portal_url%',
    },
    welcome: {
      subject: 'Welcome to the %shop_name% loyalty programme',
      heading: 'Welcome, %first_name%!',
      paragraphs: [
        "Thanks for joining the %shop_name% loyalty programme. You'll earn points every time you visit, and you can swap them for gift cards.",
        'Your balance: %balance% points.',
      ],
      button: 'View your points',
      sms: "Welcome to the %shop_name% loyalty programme, %first_name%! You'll earn points on every visit. See your balance: %portal_url%",
    },
  },
};
