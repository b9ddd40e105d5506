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
    birthday: {
      subject: 'Happy birthday from %shop_name%!',
      heading: 'Happy birthday, %first_name%!',
      paragraphs: [
        'Everyone at %shop_name% wishes you a wonderful day.',
        'As a member of our loyalty programme you have %balance% points to spend on your next visit.',
      ],
      button: 'View your points',
      sms: 'Happy birthday from %shop_name%, %first_name%! Your balance: %balance% points. %portal_url%',
    },
    anniversary: {
      subject: 'A year of loyalty at %shop_name%',
      heading: 'Thank you for another year, %first_name%!',
      paragraphs: [
        'Another year has passed since you joined the %shop_name% loyalty programme. Thank you for being with us.',
        'Your balance: %balance% points.',
      ],
      button: 'View your points',
      sms: '%shop_name%: thank you for another year in our loyalty programme, %first_name%! Your balance: %balance% points.',
    },
    thank_you: {
      subject: 'Thank you for visiting %shop_name%',
      heading: 'Thank you for your visit, %first_name%!',
      paragraphs: [
        'We hope you enjoyed your visit to %shop_name%. We\'d love to see you again soon.',
        'Your balance: %balance% points.',
      ],
      button: 'Book your next visit',
      sms: 'Thank you for visiting %shop_name%, %first_name%! We hope to see you again soon.',
    },
    win_back: {
      subject: 'We miss you at %shop_name%',
      heading: 'We miss you, %first_name%!',
      paragraphs: [
        'It\'s been a while since your last visit to %shop_name%. We\'d love to welcome you back.',
        'You have %balance% points waiting for you.',
      ],
      button: 'Book a visit',
      sms: '%shop_name% misses you, %first_name%! You have %balance% points waiting. %portal_url%',
    },
    nth_visit: {
      subject: 'A thank-you for your loyalty at %shop_name%',
      heading: 'Thank you for coming back, %first_name%!',
      paragraphs: [
        'You\'ve visited %shop_name% again, and we want to say thank you for your loyalty.',
        'Your balance: %balance% points.',
      ],
      button: 'View your points',
      sms: '%shop_name%: thank you for your loyalty, %first_name%! Your balance: %balance% points.',
    },
  },
};
