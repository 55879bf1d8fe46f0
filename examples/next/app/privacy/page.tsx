// The privacy page: a server component that imports from 'yinyom'. The root entry registers
// nothing and touches no DOM, so it is safe on the server: this page is prerendered at build
// time from the same list of categories the notice uses.
import Link from 'next/link';
import { OPTIONAL_CATEGORIES, type ConsentRecord, type OptionalCategory } from 'yinyom';

// What each category the notice may ask about means on this site.
const PURPOSES: Record<OptionalCategory, string> = {
  functional: 'จดจำการตั้งค่าของคุณ เช่น ภาษา (เว็บไซต์นี้ไม่ได้ใช้)',
  analytics: 'Google Analytics: นับผู้เข้าชมและหน้าที่เปิด เพื่อปรับปรุงเว็บไซต์',
  marketing: 'วิดีโอจาก YouTube ซึ่งตั้งคุกกี้ของ Google',
};

// What the site keeps as proof of a visitor's choice (getConsent() returns it in the
// browser). Only the keys are listed here: the record's type keeps this list honest.
const RECORD_FIELDS: Record<keyof ConsentRecord, string> = {
  id: 'รหัสสุ่มของความยินยอม',
  revision: 'ฉบับของนโยบาย',
  language: 'ภาษาที่แสดงประกาศ',
  givenAt: 'เวลาที่ให้ความยินยอมครั้งแรก',
  updatedAt: 'เวลาที่เปลี่ยนล่าสุด',
  method: 'วิธีที่เลือก (ยอมรับทั้งหมด ปฏิเสธทั้งหมด หรือเลือกเอง)',
  categories: 'ประเภทที่อนุญาต',
};

export default function Privacy() {
  return (
    <main>
      <h1>นโยบายความเป็นส่วนตัว</h1>
      <h2>ประเภทคุกกี้</h2>
      <ul>
        <li>
          <code>necessary</code>: จำเป็นต่อการทำงานของเว็บไซต์ เปิดอยู่เสมอ
        </li>
        {OPTIONAL_CATEGORIES.map((category) => (
          <li key={category}>
            <code>{category}</code>: {PURPOSES[category]}
          </li>
        ))}
      </ul>
      <h2>สิ่งที่เราบันทึกเมื่อคุณเลือก</h2>
      <dl>
        {Object.entries(RECORD_FIELDS).map(([field, meaning]) => (
          <div key={field}>
            <dt>
              <code>{field}</code>
            </dt>
            <dd>{meaning}</dd>
          </div>
        ))}
      </dl>
      <p>
        เปลี่ยนใจได้ทุกเมื่อจากลิงก์ “ตั้งค่าคุกกี้” ท้ายหน้า · <Link href="/">กลับหน้าแรก</Link>
      </p>
    </main>
  );
}
