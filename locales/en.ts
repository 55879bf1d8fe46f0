import type { BannerMessages, Messages, PreferenceMessages } from '../src/i18n/messages.js';

export const enBanner: BannerMessages = {
  languageName: 'English',
  bannerTitle: 'This website uses cookies',
  bannerText: (org) =>
    `${org ?? 'This website'} uses cookies to make the site easier to use, and analyses visits ` +
    'statistically to improve its services. You choose which kinds of cookies to accept, ' +
    'and you can change your choice at any time.',
  readMore: 'Read more',
  policyChanged: 'Our privacy policy has changed. Please read it and choose your cookie settings again.',
  policyLink: 'Privacy policy',
  acceptAll: 'Accept all',
  rejectAll: 'Reject all',
  choose: 'Choose',
  saved: 'Your cookie settings have been saved',
  settingsButton: 'Cookie settings',
  preferencesUnavailable: 'The detailed settings cannot be opened right now. You can still accept all or reject all.',
  close: 'Close',
};

/** The rest: they come with the second file, when the preferences or a placeholder first need them. */
export const enPreferences: PreferenceMessages = {
  preferencesTitle: 'Cookie settings',
  preferencesIntro:
    'Cookies are small pieces of data a website stores in your browser so that its server can read them back later. ' +
    'Some are deleted when you close the browser; others stay on your device until they expire. ' +
    'You may turn each kind on or off as you wish, except the cookies the site needs to work.',
  trafficLogs:
    'Whatever you choose, the web server keeps traffic data (such as IP address, date and time, pages visited and browser type) ' +
    'for at least 90 days, as section 26 of the Computer Crime Act requires.',
  alwaysOn: 'Always on',
  save: 'Save settings',
  gpc:
    'Your browser sends Global Privacy Control (GPC), which says you do not want to be tracked for marketing. ' +
    '"Accept all" therefore leaves marketing cookies off; you can still turn them on with the switch below.',
  placeholder: (provider, category) =>
    `This content comes from ${provider || 'an outside service'}, which sets ${category.toLowerCase()}. It is shown once you allow it.`,
  loadOnce: 'Show this one only',
  cookieList: 'Cookies in this category',
  cookieName: 'Cookie',
  provider: 'Provider',
  purpose: 'Purpose',
  lifetime: 'Kept for',
  allowCategory: (category) => `Allow ${category.toLowerCase()}`,
  receipt: (id, date) => `Your consent record: ID ${id}, saved ${date}`,
  copyReceipt: 'Copy receipt',
  copied: 'Your consent receipt was copied.',
  copyByHand: 'The receipt is selected: please copy it.',
  necessary: {
    title: 'Necessary cookies',
    description: 'Keep the site working and remember your cookie settings, so they cannot be turned off.',
  },
  categories: {
    functional: {
      title: 'Functional cookies',
      description: 'Remember what you chose, such as language or text size, to make the site easier to use.',
    },
    analytics: {
      title: 'Analytics cookies',
      description:
        'Record how the site is used, such as pages visited and time spent, for statistics that help improve the service.',
    },
    marketing: {
      title: 'Marketing cookies',
      description:
        'Set by outside services shown on the site, such as videos, maps and social media, to track visits and show content or ads that match your interests.',
    },
  },
};

export const en: Messages = { ...enBanner, ...enPreferences };
